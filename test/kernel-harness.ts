/**
 * Running kernels in GPU tests: upload typed arrays, submit dispatches, read results back.
 * Gradient buffers are pre-filled with random values by the tests (never zeros), so a kernel
 * that overwrites where it should accumulate fails.
 */
import { createStorageBuffer, readBuffer } from '../src/gpu/buffers.ts';
import { PipelineCache } from '../src/gpu/pipelines.ts';
import { submitDispatches, type Dispatch } from '../src/gpu/compute.ts';
import { getTestDevice } from './gpu.ts';

export interface Harness {
  device: GPUDevice;
  cache: PipelineCache;
  /** A storage buffer holding a copy of `data`. */
  upload: (data: Float32Array | Uint32Array | Int32Array, label?: string) => GPUBuffer;
  /** Submits the dispatches in one command buffer. */
  run: (...d: Dispatch[]) => void;
  readF32: (buf: GPUBuffer, n?: number) => Promise<Float32Array>;
  readU32: (buf: GPUBuffer, n?: number) => Promise<Uint32Array>;
}

let harness: Promise<Harness> | undefined;

export function getHarness(): Promise<Harness> {
  harness ??= getTestDevice().then(({ device }) => {
    const cache = new PipelineCache(device);
    return {
      device,
      cache,
      upload: (data, label = 'test-buffer') => createStorageBuffer(device, data, label),
      run: (...d) => submitDispatches(device, d, 'test'),
      readF32: async (buf, n) => new Float32Array(await readBuffer(device, buf, (n ?? buf.size / 4) * 4)),
      readU32: async (buf, n) => new Uint32Array(await readBuffer(device, buf, (n ?? buf.size / 4) * 4)),
    };
  });
  return harness;
}
