/**
 * The one zustand store, combined from slices. Only the bridge writes engine events into it;
 * it never holds GPU objects, workers or large typed arrays.
 */
import { create } from 'zustand';
import { createGpuSlice, type GpuSlice } from './gpuSlice.ts';

export type LabState = GpuSlice;

export const useLab = create<LabState>()((...a) => ({
  ...createGpuSlice(...a),
}));
