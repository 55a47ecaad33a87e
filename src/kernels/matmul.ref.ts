/**
 * CPU reference of the matmul kernels (matmul.ts): same names, same argument order (outputs,
 * inputs, sizes), llm.c layouts. Written for clarity; works on Float32Array or Float64Array.
 * Backward accumulates (+=) like the kernels.
 */
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
