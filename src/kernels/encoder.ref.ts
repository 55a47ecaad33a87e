/**
 * CPU reference of encoder.wgsl: same names, same argument order (outputs, inputs, sizes).
 * Written for clarity; works on Float32Array or Float64Array.
 */
type Arr = Float32Array | Float64Array;

/** out[b,t,:] = wte[inp[b,t],:] + wpe[t,:]; out: (B, T, C), inp: (B, T), wte: (V, C), wpe: (maxT, C) */
export function encoder_forward(out: Arr, inp: ArrayLike<number>, wte: Arr, wpe: Arr, B: number, T: number, C: number): void {
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const ix = inp[b * T + t];
      for (let c = 0; c < C; c++) out[(b * T + t) * C + c] = wte[ix * C + c] + wpe[t * C + c];
    }
  }
}

/** dwte[inp[b,t],:] += dout[b,t,:]; dwpe[t,:] += dout[b,t,:]; shapes as in encoder_forward */
export function encoder_backward(dwte: Arr, dwpe: Arr, dout: Arr, inp: ArrayLike<number>, B: number, T: number, C: number): void {
  for (let b = 0; b < B; b++) {
    for (let t = 0; t < T; t++) {
      const ix = inp[b * T + t];
      for (let c = 0; c < C; c++) {
        const d = dout[(b * T + t) * C + c];
        dwte[ix * C + c] += d;
        dwpe[t * C + c] += d;
      }
    }
  }
}
