/**
 * CPU reference of attention_gemm.ts: the same products (from the shared table in
 * attention_gemm.shapes.ts, run by matmul.ref.ts's gemm) and the same softmax steps, in the same
 * order and with the same names. Works on Float32Array or Float64Array.
 */
import { attentionProducts } from './attention_gemm.shapes.ts';
import { gemm } from './matmul.ref.ts';
import { softmax_causal_backward, softmax_causal_forward } from './softmax.ref.ts';

type Arr = Float32Array | Float64Array;

/** out: (B, T, C), att: (B, NH, T, T), inp: (B, T, 3C) */
export function attention_forward_gemm(out: Arr, att: Arr, inp: Arr, B: number, T: number, C: number, NH: number): void {
  const s = attentionProducts(B, T, C, NH);
  gemm(att, inp, inp, null, s.qk);
  softmax_causal_forward(att, B * NH * T, T);
  gemm(out, att, inp, null, s.av);
}

/** dinp: (B, T, 3C) accumulated, dpreatt: (B, NH, T, T) scratch, dout: (B, T, C), inp: (B, T, 3C), att: (B, NH, T, T) */
export function attention_backward_gemm(dinp: Arr, dpreatt: Arr, dout: Arr, inp: Arr, att: Arr, B: number, T: number, C: number, NH: number): void {
  const s = attentionProducts(B, T, C, NH);
  gemm(dpreatt, dout, inp, null, s.datt);
  gemm(dinp, att, dout, null, s.dv);
  softmax_causal_backward(dpreatt, att, B * NH * T, T);
  gemm(dinp, dpreatt, inp, null, s.dq);
  gemm(dinp, dpreatt, inp, null, s.dk);
}
