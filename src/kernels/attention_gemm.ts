/**
 * Causal attention as batched matrix products plus a row softmax (llm.c's cuBLAS formulation):
 * the same results as attention.ts (up to summation order), from the general product in matmul.ts
 * (one dispatch per product covers every (b, h)) and the causal softmax in softmax.wgsl. Same
 * names and argument order as attention_gemm.ref.ts, with the pipeline cache first.
 * Why: a thread per query row does O(T · HS) serial work with no reuse of loaded k and v, while
 * the blocked and tiled products reuse every load across a 4x4 (or 64x64) block of outputs, and
 * their causal hints skip the upper triangle, as the row kernels do.
 * Must not: allocate buffers; att and dpreatt are (B, NH, T, T) like the row kernels'.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import type { Bindable, Dispatch } from '../gpu/compute.ts';
import type { RowVariant } from './fill.ts';
import { gemm, type MatmulVariant } from './matmul.ts';
import { attentionProducts } from './attention_gemm.shapes.ts';
import { softmax_causal_backward, softmax_causal_forward } from './softmax.ts';

/**
 * How attention runs (KernelChoice.attention): 'rows' — attention.ts, one thread or workgroup per
 * query row; 'gemm' — this file's batched products around the causal softmax.
 */
export type AttentionVariant = 'rows' | 'gemm';

/** out: (B, T, C), att: (B, NH, T, T) saved for backward, inp: (B, T, 3C) = q | k | v. Three dispatches. */
export async function attention_forward_gemm(
  k: PipelineCache,
  out: Bindable,
  att: Bindable,
  inp: Bindable,
  B: number,
  T: number,
  C: number,
  NH: number,
  matmul: MatmulVariant,
  rows: RowVariant,
): Promise<Dispatch[]> {
  const s = attentionProducts(B, T, C, NH);
  return [
    await gemm(k, 'attention_qk', att, inp, inp, null, s.qk, matmul),
    await softmax_causal_forward(k, att, B * NH * T, T, rows),
    await gemm(k, 'attention_av', out, att, inp, null, s.av, matmul),
  ];
}

/**
 * dinp += d(q|k|v); five dispatches. dinp: (B, T, 3C), dpreatt: (B, NH, T, T) scratch (overwritten),
 * dout: (B, T, C), inp: (B, T, 3C), att: (B, NH, T, T).
 */
export async function attention_backward_gemm(
  k: PipelineCache,
  dinp: Bindable,
  dpreatt: Bindable,
  dout: Bindable,
  inp: Bindable,
  att: Bindable,
  B: number,
  T: number,
  C: number,
  NH: number,
  matmul: MatmulVariant,
  rows: RowVariant,
): Promise<Dispatch[]> {
  const s = attentionProducts(B, T, C, NH);
  return [
    await gemm(k, 'attention_backward_datt', dpreatt, dout, inp, null, s.datt, matmul),
    await gemm(k, 'attention_backward_dv', dinp, att, dout, null, s.dv, matmul),
    await softmax_causal_backward(k, dpreatt, att, B * NH * T, T, rows),
    await gemm(k, 'attention_backward_dq', dinp, dpreatt, inp, null, s.dq, matmul),
    await gemm(k, 'attention_backward_dk', dinp, dpreatt, inp, null, s.dk, matmul),
  ];
}
