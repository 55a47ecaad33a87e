/**
 * CPU reference of fill.wgsl: same names, same argument order (outputs, inputs, sizes).
 */
type Arr = Float32Array | Float64Array;

/** out = value; out: (N) */
export function fill(out: Arr, value: number, N: number): void {
  for (let i = 0; i < N; i++) out[i] = value;
}

/** out *= value, in place; out: (N) */
export function scale(out: Arr, value: number, N: number): void {
  for (let i = 0; i < N; i++) out[i] *= value;
}
