/**
 * The typed messages between the page and the engine worker. Plain data only: no GPU objects,
 * no functions. Later issues add training and sampling messages here.
 */
import type { AdapterReport } from '../gpu/info.ts';

export type { AdapterReport };
import type { WebGPUUnavailableReason } from '../gpu/device.ts';

export type ToWorker = { type: 'init' };

export type FromWorker =
  | { type: 'gpu-ready'; report: AdapterReport; selfTest: { n: number; maxAbsDiff: number; ms: number } }
  | { type: 'gpu-unavailable'; reason: WebGPUUnavailableReason; message: string }
  | { type: 'gpu-lost'; reason: string; message: string }
  | { type: 'gpu-error'; message: string };
