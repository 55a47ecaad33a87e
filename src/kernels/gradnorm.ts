/**
 * Global gradient-norm kernel descriptors (gradnorm.wgsl). Same name and argument order as
 * gradnorm.ref.ts, with the pipeline cache first. The result stays on the GPU: adamw_update reads
 * the clip scale from gnorm[1]; the engine may read gnorm[0] back for display.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { kernelSource } from './sources.ts';
import code from './gradnorm.wgsl?raw';

export const GRADNORM = kernelSource('gradnorm.wgsl', code);

/** Partial sums gradnorm_partial writes: size the `partials` buffer with this many floats. */
export const GRADNORM_PARTIALS = 4096;
const WG = 64;

/**
 * gnorm = [||grads|| over non-frozen tensors, clip scale]; two dispatches.
 * gnorm: (2), partials: (GRADNORM_PARTIALS) scratch, grads: (P), tensors: the arena's tensor table.
 * maxNorm <= 0 disables clipping (scale 1).
 */
export async function gradnorm(k: PipelineCache, gnorm: Bindable, partials: Bindable, grads: Bindable, tensors: Bindable, maxNorm: number): Promise<Dispatch[]> {
  const pp = await k.pipeline(GRADNORM, 'gradnorm_partial');
  const pf = await k.pipeline(GRADNORM, 'gradnorm_finalize');
  return [
    makeDispatch(k.device, 'gradnorm_partial', pp, [partials, grads, tensors], [GRADNORM_PARTIALS / WG]),
    makeDispatch(k.device, 'gradnorm_finalize', pf, [gnorm, partials], [1], packUniforms([{ f: maxNorm }])),
  ];
}
