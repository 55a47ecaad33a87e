/**
 * CPU reference of layernorm.wgsl: same names, same argument order (outputs, inputs, sizes).
 * Written for clarity; works on Float32Array or Float64Array.
 */
type Arr = Float32Array | Float64Array;

const LN_EPS = 1e-5;

/** out: (B, T, C), mean: (B, T), rstd: (B, T), inp: (B, T, C), weight: (C), bias: (C) */
export function layernorm_forward(out: Arr, mean: Arr, rstd: Arr, inp: Arr, weight: Arr, bias: Arr, B: number, T: number, C: number): void {
  for (let row = 0; row < B * T; row++) {
    const x = row * C;
    let m = 0;
    for (let c = 0; c < C; c++) m += inp[x + c];
    m /= C;
    let v = 0;
    for (let c = 0; c < C; c++) v += (inp[x + c] - m) ** 2;
    v /= C;
    const s = 1 / Math.sqrt(v + LN_EPS);
    for (let c = 0; c < C; c++) out[x + c] = (inp[x + c] - m) * s * weight[c] + bias[c];
    mean[row] = m;
    rstd[row] = s;
  }
}

/** Accumulates dinp: (B, T, C), dweight: (C), dbias: (C); other shapes as in layernorm_forward */
export function layernorm_backward(
  dinp: Arr,
  dweight: Arr,
  dbias: Arr,
  dout: Arr,
  inp: Arr,
  weight: Arr,
  mean: Arr,
  rstd: Arr,
  B: number,
  T: number,
  C: number,
): void {
  for (let row = 0; row < B * T; row++) {
    const x = row * C;
    const m = mean[row];
    const s = rstd[row];
    let dnormMean = 0;
    let dnormNormMean = 0;
    for (let c = 0; c < C; c++) {
      const dnorm = weight[c] * dout[x + c];
      dnormMean += dnorm;
      dnormNormMean += dnorm * (inp[x + c] - m) * s;
    }
    dnormMean /= C;
    dnormNormMean /= C;
    for (let c = 0; c < C; c++) {
      const norm = (inp[x + c] - m) * s;
      const dnorm = weight[c] * dout[x + c];
      dinp[x + c] += (dnorm - dnormMean - norm * dnormNormMean) * s;
      dweight[c] += norm * dout[x + c];
      dbias[c] += dout[x + c];
    }
  }
}
