/**
 * What the page knows about the GPU: plain data from the worker's reports.
 */
import type { StateCreator } from 'zustand';
import type { AdapterReport, KernelReport } from '../worker/protocol.ts';

export type GpuStatus =
  | { state: 'probing' }
  | { state: 'ready'; report: AdapterReport; selfTestMaxDiff: number; selfTestMs: number; kernels?: KernelReport }
  | { state: 'unavailable'; reason: 'no-navigator-gpu' | 'no-adapter' | 'device-failed' | 'no-worker'; message: string }
  | { state: 'lost'; message: string };

export interface GpuSlice {
  gpu: GpuStatus;
  gpuErrors: string[];
}

export const createGpuSlice: StateCreator<GpuSlice, [], [], GpuSlice> = () => ({
  gpu: { state: 'probing' },
  gpuErrors: [],
});
