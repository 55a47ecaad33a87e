/**
 * CPU reference of classifier.wgsl: same names, same argument order (outputs, inputs, sizes).
 * Written for clarity; works on Float32Array or Float64Array.
 */
type Arr = Float32Array | Float64Array;

/** logits[b,k] = weight[k,:] . inp[b, idx[b], :] + bias[k]; logits: (B, NC), inp: (B, T, C), idx: (B), weight: (NC, C), bias: (NC) */
export function classifier_forward(logits: Arr, inp: Arr, idx: ArrayLike<number>, weight: Arr, bias: Arr, B: number, T: number, C: number, NC: number): void {
  for (let b = 0; b < B; b++) {
    const x = (b * T + idx[b]) * C;
    for (let k = 0; k < NC; k++) {
      let acc = bias[k];
      for (let c = 0; c < C; c++) acc += weight[k * C + c] * inp[x + c];
      logits[b * NC + k] = acc;
    }
  }
}

/** Accumulates dinp (gathered rows only): (B, T, C), dweight: (NC, C), dbias: (NC); dlogits: (B, NC) */
export function classifier_backward(
  dinp: Arr,
  dweight: Arr,
  dbias: Arr,
  dlogits: Arr,
  inp: Arr,
  idx: ArrayLike<number>,
  weight: Arr,
  B: number,
  T: number,
  C: number,
  NC: number,
): void {
  for (let b = 0; b < B; b++) {
    const x = (b * T + idx[b]) * C;
    for (let k = 0; k < NC; k++) {
      const d = dlogits[b * NC + k];
      for (let c = 0; c < C; c++) {
        dinp[x + c] += d * weight[k * C + c];
        dweight[k * C + c] += d * inp[x + c];
      }
      dbias[k] += d;
    }
  }
}
