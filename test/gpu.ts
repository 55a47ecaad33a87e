/**
 * The GPU tests' device: one Dawn device per test worker, created on first use.
 * Fails loudly (never skips) when no adapter could be found.
 */
import { requestNodeDevice } from '../src/gpu/node.ts';
import type { LabDevice } from '../src/gpu/device.ts';

let shared: Promise<LabDevice> | undefined;

export function getTestDevice(): Promise<LabDevice> {
  const missing = process.env.LAB_GPU_MISSING;
  if (missing) return Promise.reject(new Error(`GPU test could not get a WebGPU adapter: ${missing}`));
  shared ??= requestNodeDevice({
    onUncapturedError: (m) => {
      throw new Error(`Uncaptured WebGPU error: ${m}`);
    },
  });
  return shared;
}
