/**
 * CPU reference of the matmul kernels (matmul.ts): same names, same argument order (outputs,
 * inputs, sizes), llm.c layouts. Written for clarity; works on Float32Array or Float64Array.
 * Backward accumulates (+=) like the kernels.
 */
import type { GemmShape } from './matmul.ts';

type Arr = Float32Array | Float64Array;

/** out = inp · weightᵀ + bias; out: (BT, OC), inp: (BT, C), weight: (OC, C), bias: (OC) or null */
export function matmul_forward(out: Arr, inp: Arr, weight: Arr, bias: Arr | null, BT: number, C: number, OC: number): void {
  for (let r = 0; r < BT; r++) {
    for (let o = 0; o < OC; o++) {
      let sum = bias ? bias[o] : 0;
      for (let c = 0; c < C; c++) sum += inp[r * C + c] * weight[o * C + c];
      out[r * OC + o] = sum;
    }
  }
}

/**
 * dinp += dout · weight; dweight += doutᵀ · inp; dbias += column sums of dout.
 * dinp: (BT, C), dweight: (OC, C), dbias: (OC) or null, dout: (BT, OC), inp: (BT, C), weight: (OC, C)
 */
export function matmul_backward(
  dinp: Arr,
  dweight: Arr,
  dbias: Arr | null,
  dout: Arr,
  inp: Arr,
  weight: Arr,
  BT: number,
  C: number,
  OC: number,
): void {
  for (let r = 0; r < BT; r++) {
    for (let o = 0; o < OC; o++) {
      const d = dout[r * OC + o];
      for (let c = 0; c < C; c++) {
        dinp[r * C + c] += d * weight[o * C + c];
        dweight[o * C + c] += d * inp[r * C + c];
      }
      if (dbias) dbias[o] += d;
    }
  }
}

/**
 * The general strided product of matmul.ts's `gemm` (every variant computes this):
 * out (M, N) = alpha · op(A) · op(B) [+ bias] [+ out], rows of out sOm apart, for each of
 * s.batch.count products. The causal hints are ignored (they only skip zeros or outputs the
 * caller overwrites), except that 'out' leaves the upper triangle alone, as a variant may.
 */
export function gemm(out: Arr, a: Arr, b: Arr, bias: Arr | null, s: GemmShape): void {
  const bt = s.batch ?? { count: 1, inner: 1, a: [0, 0, 0], b: [0, 0, 0], out: [0, 0, 0] };
  const at = (o: [number, number, number], z: number) => o[0] + Math.floor(z / bt.inner) * o[1] + (z % bt.inner) * o[2];
  for (let z = 0; z < bt.count; z++) {
    const [oa, ob, oo] = [at(bt.a, z), at(bt.b, z), at(bt.out, z)];
    for (let m = 0; m < s.M; m++) {
      for (let n = 0; n < s.N; n++) {
        if (s.causal === 'out' && n > m) continue;
        let dot = 0;
        for (let k = 0; k < s.K; k++) dot += a[oa + m * s.sAm + k * s.sAk] * b[ob + k * s.sBk + n * s.sBn];
        const i = oo + m * (s.sOm ?? s.N) + n;
        out[i] = (s.alpha ?? 1) * dot + (bias ? bias[n] : 0) + (s.accumulate ? out[i] : 0);
      }
    }
  }
}
