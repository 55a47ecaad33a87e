/**
 * Running kernels in GPU tests: the lab's harness (src/gpu/harness.ts) on the test device.
 * Gradient buffers are pre-filled with random values by the tests (never zeros), so a kernel
 * that overwrites where it should accumulate fails.
 */
import { makeHarness, type Harness } from '../src/gpu/harness.ts';
import { PipelineCache } from '../src/gpu/pipelines.ts';
import type { RowVariant } from '../src/kernels/fill.ts';
import { getTestDevice } from './gpu.ts';

export type { Harness };

let harness: Promise<Harness> | undefined;

export function getHarness(): Promise<Harness> {
  harness ??= getTestDevice().then(({ device }) => makeHarness(new PipelineCache(device)));
  return harness;
}

/**
 * The harness for a row-kernel test in `variant`; a 'subgroup' case is skipped (reported as such)
 * on a device without the 'subgroups' feature. Dawn's SwiftShader, which the suite runs on, has it.
 */
export async function getRowHarness(variant: RowVariant, ctx: { skip: (note?: string) => void }): Promise<Harness> {
  const h = await getHarness();
  if (variant === 'subgroup' && !h.cache.device.features.has('subgroups')) ctx.skip('this adapter has no subgroups feature');
  return h;
}
