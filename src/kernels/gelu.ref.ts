/**
 * CPU reference of gelu.wgsl: same names, same argument order (outputs, inputs, sizes).
 * Written for clarity; works on Float32Array or Float64Array.
 */
type Arr = Float32Array | Float64Array;

const GELU_SCALE = Math.sqrt(2 / Math.PI);

/** out = 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))); out, inp: (N) */
export function gelu_forward(out: Arr, inp: Arr, N: number): void {
  for (let i = 0; i < N; i++) {
    const x = inp[i];
    out[i] = 0.5 * x * (1 + Math.tanh(GELU_SCALE * (x + 0.044715 * x * x * x)));
  }
}

/** dinp += gelu'(inp) * dout; dinp, inp, dout: (N) */
export function gelu_backward(dinp: Arr, inp: Arr, dout: Arr, N: number): void {
  for (let i = 0; i < N; i++) {
    const x = inp[i];
    const t = Math.tanh(GELU_SCALE * (x + 0.044715 * x * x * x));
    const grad = 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * GELU_SCALE * (1 + 3 * 0.044715 * x * x);
    dinp[i] += grad * dout[i];
  }
}
