/**
 * The six batched products of causal attention in its matrix form (llm.c's cuBLAS formulation),
 * as plain sizes and strides: one table read by both the GPU descriptor (attention_gemm.ts) and
 * its CPU reference (attention_gemm.ref.ts), so the two cannot disagree on a layout.
 * Must not: import GPU code (a type import of GemmShape only).
 *
 * Product z of each batch is head h of sequence b (z = b · NH + h). Buffers:
 *   inp (B, T, 3C): q | k | v per position, head h at channels h·HS .. h·HS+HS-1 of each third
 *   att, dpreatt (B, NH, T, T); out, dout (B, T, C); dinp (B, T, 3C)
 */
import type { GemmShape } from './matmul.ts';

export interface AttentionProducts {
  /** att = scale · q · kᵀ (scores; the softmax then runs in place) */
  qk: GemmShape;
  /** out = att · v, written into head h's columns of out */
  av: GemmShape;
  /** dpreatt = dout · vᵀ (datt; the softmax backward then runs in place) */
  datt: GemmShape;
  /** dv += attᵀ · dout */
  dv: GemmShape;
  /** dq += scale · dpreatt · k */
  dq: GemmShape;
  /** dk += scale · dpreattᵀ · q */
  dk: GemmShape;
}

/** Sizes and strides of every attention product; HS = C / NH. */
export function attentionProducts(B: number, T: number, C: number, NH: number): AttentionProducts {
  if (C % NH !== 0) throw new Error(`attention: C (${C}) must be a multiple of NH (${NH})`);
  const HS = C / NH;
  const C3 = 3 * C;
  const scale = 1 / Math.sqrt(HS);
  // [start, per sequence b, per head h] of each operand, in floats
  const q: [number, number, number] = [0, T * C3, HS];
  const k: [number, number, number] = [C, T * C3, HS];
  const v: [number, number, number] = [2 * C, T * C3, HS];
  const tt: [number, number, number] = [0, NH * T * T, T * T]; // att, dpreatt
  const btc: [number, number, number] = [0, T * C, HS]; // out, dout
  const batch = (a: [number, number, number], b: [number, number, number], out: [number, number, number]) => ({ count: B * NH, inner: NH, a, b, out });
  return {
    // Scores: (T, T) from q (T, HS) and kᵀ; only the lower triangle matters (the softmax zeroes the rest).
    qk: { M: T, N: T, K: HS, sAm: C3, sAk: 1, sBk: 1, sBn: C3, alpha: scale, accumulate: false, sOm: T, batch: batch(q, k, tt), causal: 'out' },
    // att is 0 above the diagonal, so row t sums over keys t2 <= t only.
    av: { M: T, N: HS, K: T, sAm: T, sAk: 1, sBk: C3, sBn: 1, accumulate: false, sOm: C, batch: batch(tt, v, btc), causal: 'a-lower' },
    datt: { M: T, N: T, K: HS, sAm: C, sAk: 1, sBk: 1, sBn: C3, accumulate: false, sOm: T, batch: batch(btc, v, tt), causal: 'out' },
    // attᵀ[t2, t1] is 0 for t1 < t2: key t2 gets gradient only from queries t1 >= t2.
    dv: { M: T, N: HS, K: T, sAm: 1, sAk: T, sBk: C, sBn: 1, accumulate: true, sOm: C3, batch: batch(tt, btc, v), causal: 'a-upper' },
    dq: { M: T, N: HS, K: T, sAm: T, sAk: 1, sBk: C3, sBn: 1, alpha: scale, accumulate: true, sOm: C3, batch: batch(tt, k, q), causal: 'a-lower' },
    dk: { M: T, N: HS, K: T, sAm: 1, sAk: T, sBk: C3, sBn: 1, alpha: scale, accumulate: true, sOm: C3, batch: batch(tt, q, k), causal: 'a-upper' },
  };
}
