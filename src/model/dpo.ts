/**
 * The DPO objective on the GPU model: its settings, its buffers, its loss dispatches (dpo.wgsl in
 * place of the cross-entropy) and the stats it writes. A DPO model's batch is P pairs as 2P rows
 * (chosen responses first, then the rejected ones in the same order) with the response mask as
 * weights, then `textRows` rows of plain text (pretraining replay, every token weighted 1), and each step also takes the frozen reference's summed log-probabilities of the same
 * rows (`refLogps`). Owns no loop: src/train/dpo.ts runs the steps.
 */
import type { BufferView, Dispatch } from '../gpu/compute.ts';
import type { PipelineCache } from '../gpu/pipelines.ts';
import { DPO_STATS, dpo_backward, dpo_forward } from '../kernels/dpo.ts';
import type { GPTConfig } from './config.ts';

/** The DPO objective's settings, fixed when the model is built. */
export interface DpoSettings {
  /** strength of the preference: the implicit reward is beta times the log-probability ratio to the reference */
  beta: number;
  /** weight of the NLL of the chosen responses added to the loss (0: pure DPO) */
  nll: number;
  /** plain-text rows after the pairs, trained as language modelling (pretraining replay; 0 or absent: none) */
  textRows?: number;
  /** weight of the text rows' mean token NLL */
  lm?: number;
}

/** The buffers DPO adds: per-position log-probs and log-sum-exps (B, T), and per-row sums (B). */
export interface DpoBufs {
  logps: BufferView;
  lse: BufferView;
  /** the policy's summed log-probability of each row's response */
  seq: BufferView;
  dseq: BufferView;
  /** the reference's seq for the same rows, written with each batch */
  ref: BufferView;
}

/** What one DPO step reports (means over the counted pairs; log-probabilities summed over each response's tokens). */
export type DpoStats = Record<(typeof DPO_STATS)[number], number>;

/** Number of floats in the stats buffer of a DPO model. */
export const DPO_STATS_LENGTH = DPO_STATS.length;

/** The buffers of a DPO model of batch B x T (`view` makes one storage buffer of n floats); `textRows` of the B are plain text. */
export function dpoBuffers(view: (label: string, n: number) => BufferView, B: number, T: number, textRows = 0): DpoBufs {
  if (textRows < 0 || textRows >= B || (B - textRows) % 2 !== 0) throw new Error(`dpo: the batch holds chosen and rejected rows of each pair, so B = ${B} less ${textRows} text rows must be even and above 0`);
  return { logps: view('dpo-logps', B * T), lse: view('dpo-lse', B * T), seq: view('dpo-seq', B), dseq: view('dpo-dseq', B), ref: view('dpo-ref', B) };
}

/** The loss dispatches of a DPO model: forward (log-probs, sums, loss) and the logits gradient. */
export async function buildDpoLoss(
  k: PipelineCache, c: GPTConfig, B: number, T: number, d: DpoBufs, stats: BufferView, logits: BufferView, dlogits: BufferView, targets: BufferView, weights: BufferView, s: DpoSettings,
): Promise<Dispatch[]> {
  const V = c.vocabSize;
  return [
    ...(await dpo_forward(k, d.logps, d.lse, d.seq, d.dseq, stats, logits, targets, weights, d.ref, B, T, V, s.beta, s.nll, s.textRows ?? 0, s.lm ?? 0)),
    await dpo_backward(k, dlogits, logits, targets, weights, d.lse, d.dseq, B, T, V),
  ];
}

/** The stats buffer as named figures. */
export function dpoStats(raw: Float32Array): DpoStats {
  return Object.fromEntries(DPO_STATS.map((k, i) => [k, raw[i]])) as DpoStats;
}
