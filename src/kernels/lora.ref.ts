/**
 * CPU reference of lora.ts: a low-rank update added to a frozen matmul,
 * out += (alpha / r) · (inp · Aᵀ) · Bᵀ. Same names and argument order as the kernels; h = inp · Aᵀ
 * is saved by the forward pass for the backward pass. Works on Float32Array or Float64Array.
 */
type Arr = Float32Array | Float64Array;

/**
 * h = inp · Aᵀ; out += (alpha / r) · h · Bᵀ.
 * out: (BT, OC), h: (BT, r), inp: (BT, C), A: (r, C), B: (OC, r)
 */
export function lora_forward(out: Arr, h: Arr, inp: Arr, A: Arr, B: Arr, BT: number, C: number, OC: number, r: number, alpha: number): void {
  const scale = alpha / r;
  for (let t = 0; t < BT; t++) {
    for (let j = 0; j < r; j++) {
      let sum = 0;
      for (let c = 0; c < C; c++) sum += inp[t * C + c] * A[j * C + c];
      h[t * r + j] = sum;
    }
    for (let o = 0; o < OC; o++) {
      let sum = 0;
      for (let j = 0; j < r; j++) sum += h[t * r + j] * B[o * r + j];
      out[t * OC + o] += scale * sum;
    }
  }
}

/**
 * dh = (alpha / r) · dout · B (scratch, overwritten); dB += (alpha / r) · doutᵀ · h;
 * dA += dhᵀ · inp; dinp += dh · A.
 * dinp: (BT, C), dA: (r, C), dB: (OC, r), dh: (BT, r), dout: (BT, OC), inp: (BT, C), h: (BT, r), A: (r, C), B: (OC, r)
 */
export function lora_backward(
  dinp: Arr,
  dA: Arr,
  dB: Arr,
  dh: Arr,
  dout: Arr,
  inp: Arr,
  h: Arr,
  A: Arr,
  B: Arr,
  BT: number,
  C: number,
  OC: number,
  r: number,
  alpha: number,
): void {
  const scale = alpha / r;
  for (let t = 0; t < BT; t++) {
    for (let j = 0; j < r; j++) {
      let sum = 0;
      for (let o = 0; o < OC; o++) sum += dout[t * OC + o] * B[o * r + j];
      dh[t * r + j] = scale * sum;
    }
    for (let o = 0; o < OC; o++) {
      for (let j = 0; j < r; j++) dB[o * r + j] += scale * dout[t * OC + o] * h[t * r + j];
    }
    for (let j = 0; j < r; j++) {
      for (let c = 0; c < C; c++) {
        dA[j * C + c] += dh[t * r + j] * inp[t * C + c];
        dinp[t * C + c] += dh[t * r + j] * A[j * C + c];
      }
    }
  }
}
