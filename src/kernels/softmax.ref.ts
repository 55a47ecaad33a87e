/**
 * CPU reference of softmax.wgsl: row-wise causal softmax, in place, same names and argument order
 * as softmax.ts (outputs first, then inputs, then sizes). Row r of (rows, T) is query position
 * t = r % T; keys t2 > t get weight 0. Works on Float32Array or Float64Array.
 */
type Arr = Float32Array | Float64Array;

/** att: (rows, T), scores in, causal softmax out (0 above the diagonal). */
export function softmax_causal_forward(att: Arr, rows: number, T: number): void {
  for (let r = 0; r < rows; r++) {
    const t = r % T;
    const a = r * T;
    let maxv = -Infinity;
    for (let t2 = 0; t2 <= t; t2++) maxv = Math.max(maxv, att[a + t2]);
    let sum = 0;
    for (let t2 = 0; t2 <= t; t2++) {
      att[a + t2] = Math.exp(att[a + t2] - maxv); // max-subtracted: no overflow
      sum += att[a + t2];
    }
    for (let t2 = 0; t2 < T; t2++) att[a + t2] = t2 <= t ? att[a + t2] / sum : 0;
  }
}

/** dpreatt: (rows, T), datt in, gradient of the scores out (0 above the diagonal); att: (rows, T) the forward's output. */
export function softmax_causal_backward(dpreatt: Arr, att: Arr, rows: number, T: number): void {
  for (let r = 0; r < rows; r++) {
    const t = r % T;
    const a = r * T;
    let s = 0;
    for (let t2 = 0; t2 <= t; t2++) s += att[a + t2] * dpreatt[a + t2];
    for (let t2 = 0; t2 < T; t2++) dpreatt[a + t2] = t2 <= t ? att[a + t2] * (dpreatt[a + t2] - s) : 0;
  }
}
