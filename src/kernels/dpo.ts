/**
 * DPO kernel descriptors (dpo.wgsl). Same names and argument order as dpo.ref.ts, with the
 * pipeline cache first. The forward half reads the LM head's logits and the frozen reference's
 * summed log-probabilities; the backward half accumulates the logits gradient, which the LM head's
 * matmul backward then carries into the model like the cross-entropy's.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import { type Bindable, type Dispatch, makeDispatch, packUniforms } from '../gpu/compute.ts';
import { grid1d } from './fill.ts';
import { kernelSource } from './sources.ts';
import code from './dpo.wgsl?raw';

export const DPO = kernelSource('dpo.wgsl', code);

/** The figures dpo_forward writes into `stats`, in order (the means run over counted pairs). */
export const DPO_STATS = ['loss', 'dpoLoss', 'nll', 'margin', 'chosen', 'rejected', 'accuracy', 'pairs', 'chosenReward', 'rejectedReward', 'lm'] as const;

const uniforms = (B: number, T: number, V: number, beta = 0, nll = 0, L = 0, lm = 0) => packUniforms([{ u: B }, { u: T }, { u: V }, { f: beta }, { f: nll }, { u: L }, { f: lm }]);

/**
 * Per-position log-probabilities and log-sum-exps, then each row's sum, the loss, dseq and the
 * stats (see DPO_STATS). logps, lse: (B, T); seq, dseq: (B); stats: (11); logits: (B, T, V);
 * targets: (B, T) u32; weights: (B, T) the response mask (all of a text row's tokens); ref: (B).
 * B = 2P + L: chosen rows, rejected rows, then L text rows weighted lm.
 */
export async function dpo_forward(
  k: PipelineCache, logps: Bindable, lse: Bindable, seq: Bindable, dseq: Bindable, stats: Bindable,
  logits: Bindable, targets: Bindable, weights: Bindable, ref: Bindable,
  B: number, T: number, V: number, beta: number, nll: number, L = 0, lm = 0,
): Promise<Dispatch[]> {
  if (L < 0 || L > B || (B - L) % 2 !== 0) throw new Error(`dpo_forward: B - L = ${B} - ${L} pair rows must be an even number (chosen rows, then rejected rows)`);
  const u = uniforms(B, T, V, beta, nll, L, lm);
  const pl = await k.pipeline(DPO, 'dpo_forward_logprobs');
  const pf = await k.pipeline(DPO, 'dpo_forward_loss');
  return [
    makeDispatch(k.device, 'dpo_forward_logprobs', pl, [logps, lse, logits, targets, weights], grid1d(B * T), u),
    makeDispatch(k.device, 'dpo_forward_loss', pf, [seq, dseq, stats, logps, weights, ref], [1], u),
  ];
}

/** dlogits += the loss's gradient; dlogits, logits: (B, T, V); targets, weights, lse: (B, T); dseq: (B). */
export async function dpo_backward(
  k: PipelineCache, dlogits: Bindable, logits: Bindable, targets: Bindable, weights: Bindable, lse: Bindable, dseq: Bindable,
  B: number, T: number, V: number,
): Promise<Dispatch> {
  const pb = await k.pipeline(DPO, 'dpo_backward');
  return makeDispatch(k.device, 'dpo_backward', pb, [dlogits, logits, targets, weights, lse, dseq], grid1d(B * T), uniforms(B, T, V));
}
