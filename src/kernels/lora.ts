/**
 * LoRA: a trainable low-rank update beside a frozen matmul, out += (alpha / r) · (inp · Aᵀ) · Bᵀ.
 * No WGSL of its own: each step is the general strided product of the matmul kernels (matmul.ts)
 * with other sizes, strides and a scale. Same names and argument order as lora.ref.ts, with the
 * pipeline cache first and the matmul variant last. The frozen matmul itself is matmul_forward.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import type { Bindable, Dispatch } from '../gpu/compute.ts';
import { type MatmulVariant, gemm } from './matmul.ts';

/**
 * h = inp · Aᵀ; out += (alpha / r) · h · Bᵀ. Run after matmul_forward has written out.
 * out: (BT, OC), h: (BT, r) saved for backward, inp: (BT, C), A: (r, C), B: (OC, r)
 */
export async function lora_forward(
  k: PipelineCache,
  out: Bindable,
  h: Bindable,
  inp: Bindable,
  A: Bindable,
  B: Bindable,
  BT: number,
  C: number,
  OC: number,
  r: number,
  alpha: number,
  variant: MatmulVariant = 'blocked',
): Promise<Dispatch[]> {
  return [
    await gemm(k, 'lora_forward_h', h, inp, A, null, { M: BT, N: r, K: C, sAm: C, sAk: 1, sBk: 1, sBn: C, accumulate: false }, variant),
    await gemm(k, 'lora_forward_out', out, h, B, null, { M: BT, N: OC, K: r, sAm: r, sAk: 1, sBk: 1, sBn: r, alpha: alpha / r, accumulate: true }, variant),
  ];
}

/**
 * dh = (alpha / r) · dout · B (scratch, overwritten); dB += (alpha / r) · doutᵀ · h;
 * dA += dhᵀ · inp; dinp += dh · A (adds to the frozen matmul's dinp).
 * dinp: (BT, C), dA: (r, C), dB: (OC, r), dh: (BT, r), dout: (BT, OC), inp: (BT, C), h: (BT, r), A: (r, C), B: (OC, r)
 */
export async function lora_backward(
  k: PipelineCache,
  dinp: Bindable,
  dA: Bindable,
  dB: Bindable,
  dh: Bindable,
  dout: Bindable,
  inp: Bindable,
  h: Bindable,
  A: Bindable,
  B: Bindable,
  BT: number,
  C: number,
  OC: number,
  r: number,
  alpha: number,
  variant: MatmulVariant = 'blocked',
): Promise<Dispatch[]> {
  const scale = alpha / r;
  return [
    await gemm(k, 'lora_backward_dh', dh, dout, B, null, { M: BT, N: r, K: OC, sAm: OC, sAk: 1, sBk: r, sBn: 1, alpha: scale, accumulate: false }, variant),
    await gemm(k, 'lora_backward_dB', dB, dout, h, null, { M: OC, N: r, K: BT, sAm: 1, sAk: OC, sBk: r, sBn: 1, alpha: scale, accumulate: true }, variant),
    await gemm(k, 'lora_backward_dA', dA, dh, inp, null, { M: r, N: C, K: BT, sAm: 1, sAk: r, sBk: C, sBn: 1, accumulate: true }, variant),
    await gemm(k, 'lora_backward_dinp', dinp, dh, A, null, { M: BT, N: C, K: r, sAm: r, sAk: 1, sBk: C, sBn: 1, accumulate: true }, variant),
  ];
}
