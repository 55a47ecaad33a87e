/**
 * Running kernels outside a model: upload typed arrays, submit dispatches, read results back, and
 * free every buffer made. The GPU tests (test/kernel-harness.ts) and the kernel lab's Check and
 * Time (src/kernels/lab) both run kernels through it. Owns no model and no pipelines of its own.
 */
import { createStorageBuffer, readBuffer } from './buffers.ts';
import { submitDispatches, type Dispatch } from './compute.ts';
import type { PipelineCache } from './pipelines.ts';

export interface Harness {
  device: GPUDevice;
  cache: PipelineCache;
  /** A storage buffer holding a copy of `data` (or `data` zero bytes when a number). */
  upload: (data: Float32Array | Uint32Array | Int32Array | number, label?: string) => GPUBuffer;
  /** Submits the dispatches in one command buffer. */
  run: (...d: Dispatch[]) => void;
  readF32: (buf: GPUBuffer, n?: number) => Promise<Float32Array>;
  readU32: (buf: GPUBuffer, n?: number) => Promise<Uint32Array>;
  /** Destroys every buffer this harness uploaded (a harness made with `track`). */
  free: () => void;
}

/**
 * A harness on `cache`'s device; its pipelines come from `cache` (with any source overrides it
 * holds). `track`: remember the buffers so `free` can destroy them (a long-lived test harness
 * leaves that to garbage collection instead of holding every buffer it ever made).
 */
export function makeHarness(cache: PipelineCache, track = false): Harness {
  const device = cache.device;
  const made: GPUBuffer[] = [];
  return {
    device,
    cache,
    upload: (data, label = 'test-buffer') => {
      const b = createStorageBuffer(device, typeof data === 'number' ? data * 4 : data, label);
      if (track) made.push(b);
      return b;
    },
    run: (...d) => submitDispatches(device, d, 'test'),
    readF32: async (buf, n) => new Float32Array(await readBuffer(device, buf, (n ?? buf.size / 4) * 4)),
    readU32: async (buf, n) => new Uint32Array(await readBuffer(device, buf, (n ?? buf.size / 4) * 4)),
    free: () => {
      for (const b of made.splice(0)) b.destroy();
    },
  };
}
