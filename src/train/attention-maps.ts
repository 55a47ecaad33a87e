/**
 * The attention weights of a model for one token sequence, read back from the real forward pass:
 * the sequence goes into row 0 of a batch (the other rows hold token 0; attention is causal, so
 * whatever follows the sequence in its row changes nothing before it), the model's own forward
 * runs once, and each layer's saved softmax `att` (B, NH, T, T) is cut to row 0's first n query
 * and key positions. Must not train or change the model's weights.
 */
import type { GPUModel } from '../model/gpt.ts';

/** The longest sequence the attention view draws (its heat maps stay readable up to about this). */
export const MAX_ATTENTION_TOKENS = 32;

/** Weights of every head of every layer: weights[((l * nHead + h) * n + q) * n + k], 0 above the diagonal. */
export interface AttentionMaps {
  nLayer: number;
  nHead: number;
  n: number;
  weights: number[];
}

/** Row b's first n positions of one layer's att (B, NH, T, T), appended to `out` head by head. */
export function sliceAttention(out: number[], att: ArrayLike<number>, b: number, NH: number, T: number, n: number): void {
  for (let h = 0; h < NH; h++) {
    for (let q = 0; q < n; q++) {
      const row = ((b * NH + h) * T + q) * T;
      // Only keys up to the query are written by the causal softmax; above the diagonal is 0 by definition.
      for (let k = 0; k < n; k++) out.push(k <= q ? att[row + k] : 0);
    }
  }
}

/** Runs the model forward on `ids` (cut to the model's buffers and MAX_ATTENTION_TOKENS) and reads every layer's attention. */
export async function attentionMaps(model: GPUModel, ids: readonly number[]): Promise<AttentionMaps> {
  const { B, T } = model;
  const n = Math.min(ids.length, T, MAX_ATTENTION_TOKENS);
  if (n < 1) throw new Error('attention needs at least one token');
  const tokens = new Int32Array(B * T);
  tokens.set(ids.slice(0, n));
  const zerosB = new Int32Array(B);
  if (model.opts.nClasses) {
    const rowMask = new Float32Array(B);
    rowMask[0] = 1;
    model.evalStep({ tokens, lastIndex: Int32Array.of(n - 1, ...zerosB.subarray(1)), labels: zerosB, rowMask });
  } else {
    model.evalStep({ tokens, targets: new Int32Array(B * T) });
  }
  const { nLayer: L, nHead: NH } = model.config;
  const weights: number[] = [];
  for (let l = 0; l < L; l++) sliceAttention(weights, await model.read({ act: `h.${l}.att` }), 0, NH, T, n);
  return { nLayer: L, nHead: NH, n, weights };
}
