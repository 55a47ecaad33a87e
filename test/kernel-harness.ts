/**
 * Running kernels in GPU tests: the lab's harness (src/gpu/harness.ts) on the test device.
 * Gradient buffers are pre-filled with random values by the tests (never zeros), so a kernel
 * that overwrites where it should accumulate fails.
 */
import { makeHarness, type Harness } from '../src/gpu/harness.ts';
import { PipelineCache } from '../src/gpu/pipelines.ts';
import { getTestDevice } from './gpu.ts';

export type { Harness };

let harness: Promise<Harness> | undefined;

export function getHarness(): Promise<Harness> {
  harness ??= getTestDevice().then(({ device }) => makeHarness(new PipelineCache(device)));
  return harness;
}
