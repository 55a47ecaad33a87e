/**
 * Fused softmax cross-entropy kernel descriptors (crossentropy.wgsl). Same names and argument
 * order as crossentropy.ref.ts, with the pipeline cache first. Used for the language-model head
 * (V = vocabulary) and the classifier head (T = 1, V = NC).
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { type RowVariant, rowKernel } from './fill.ts';
import { kernelSource } from './sources.ts';
import code from './crossentropy.wgsl?raw';

export const CROSSENTROPY = kernelSource('crossentropy.wgsl', code, true);

/**
 * Loss, its per-position terms and the logits gradient in three dispatches (weight sum, fused
 * forward/backward, mean). Afterwards stats[0] is the mean loss and stats[1] the sum of weights;
 * stats[2] and stats[3] accumulate the step's mean loss and 1, for a mean over the steps between
 * two readbacks (clear them with fill after reading). losses: (B, T), dlogits: (B, T, V) accumulated, stats: (4), logits: (B, T, V), targets: (B, T) u32,
 * weights: (B, T) with 1 = counted, 0 = ignored; targets must be < V where the weight is not 0. variant: see RowVariant (same results up to rounding).
 */
export async function crossentropy_forward_backward(
  k: PipelineCache,
  losses: Bindable,
  dlogits: Bindable,
  stats: Bindable,
  logits: Bindable,
  targets: Bindable,
  weights: Bindable,
  B: number,
  T: number,
  V: number,
  variant: RowVariant = 'thread',
): Promise<Dispatch[]> {
  const N = B * T;
  const u = packUniforms([{ u: N }, { u: V }]);
  const ps = await k.pipeline(CROSSENTROPY, 'crossentropy_weight_sum');
  const r = rowKernel(CROSSENTROPY, 'crossentropy_forward_backward', N, variant);
  const pf = await k.pipeline(r.source, r.entry);
  const pm = await k.pipeline(CROSSENTROPY, 'crossentropy_loss_mean');
  return [
    makeDispatch(k.device, 'crossentropy_weight_sum', ps, [stats, weights], [1], u),
    makeDispatch(k.device, r.label, pf, [losses, dlogits, logits, targets, weights, stats], r.grid, u),
    makeDispatch(k.device, 'crossentropy_loss_mean', pm, [stats, losses], [1], u),
  ];
}
