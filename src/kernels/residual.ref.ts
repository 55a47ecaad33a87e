/**
 * CPU reference of residual.wgsl: same names, same argument order (outputs, inputs, sizes).
 */
type Arr = Float32Array | Float64Array;

/** out = inp1 + inp2; out, inp1, inp2: (N) */
export function residual_forward(out: Arr, inp1: Arr, inp2: Arr, N: number): void {
  for (let i = 0; i < N; i++) out[i] = inp1[i] + inp2[i];
}

/** dinp1 += dout; dinp2 += dout; all (N) */
export function residual_backward(dinp1: Arr, dinp2: Arr, dout: Arr, N: number): void {
  for (let i = 0; i < N; i++) {
    dinp1[i] += dout[i];
    dinp2[i] += dout[i];
  }
}
