/**
 * CPU reference of attention.wgsl: same names, same argument order (outputs, inputs, sizes).
 * Written for clarity; works on Float32Array or Float64Array. inp: (B, T, 3C) = q | k | v.
 */
type Arr = Float32Array | Float64Array;

/** out: (B, T, C), att: (B, NH, T, T), inp: (B, T, 3C) */
export function attention_forward(out: Arr, att: Arr, inp: Arr, B: number, T: number, C: number, NH: number): void {
  const HS = C / NH;
  const scale = 1 / Math.sqrt(HS);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < NH; h++) {
      for (let t = 0; t < T; t++) {
        const a = ((b * NH + h) * T + t) * T;
        const q = (b * T + t) * 3 * C + h * HS;
        let maxv = -Infinity;
        for (let t2 = 0; t2 <= t; t2++) {
          const k = (b * T + t2) * 3 * C + C + h * HS;
          let dot = 0;
          for (let i = 0; i < HS; i++) dot += inp[q + i] * inp[k + i];
          att[a + t2] = dot * scale;
          maxv = Math.max(maxv, att[a + t2]);
        }
        let sum = 0;
        for (let t2 = 0; t2 <= t; t2++) {
          att[a + t2] = Math.exp(att[a + t2] - maxv);
          sum += att[a + t2];
        }
        for (let t2 = 0; t2 < T; t2++) att[a + t2] = t2 <= t ? att[a + t2] / sum : 0;
        for (let i = 0; i < HS; i++) {
          let acc = 0;
          for (let t2 = 0; t2 <= t; t2++) acc += att[a + t2] * inp[(b * T + t2) * 3 * C + 2 * C + h * HS + i];
          out[(b * T + t) * C + h * HS + i] = acc;
        }
      }
    }
  }
}

/** dinp: (B, T, 3C) accumulated, dpreatt: (B, NH, T, T) scratch, dout: (B, T, C), inp: (B, T, 3C), att: (B, NH, T, T) */
export function attention_backward(dinp: Arr, dpreatt: Arr, dout: Arr, inp: Arr, att: Arr, B: number, T: number, C: number, NH: number): void {
  const HS = C / NH;
  const scale = 1 / Math.sqrt(HS);
  for (let b = 0; b < B; b++) {
    for (let h = 0; h < NH; h++) {
      for (let t = 0; t < T; t++) {
        const a = ((b * NH + h) * T + t) * T;
        const d = (b * T + t) * C + h * HS;
        // datt[t2] = dout_t . v_t2, then the softmax backward.
        let s = 0;
        for (let t2 = 0; t2 <= t; t2++) {
          let datt = 0;
          for (let i = 0; i < HS; i++) datt += dout[d + i] * inp[(b * T + t2) * 3 * C + 2 * C + h * HS + i];
          dpreatt[a + t2] = datt;
          s += att[a + t2] * datt;
        }
        for (let t2 = 0; t2 < T; t2++) dpreatt[a + t2] = t2 <= t ? att[a + t2] * (dpreatt[a + t2] - s) : 0;
        // Scatter into q of row t, and k and v of every earlier row t2.
        const q = (b * T + t) * 3 * C + h * HS;
        for (let t2 = 0; t2 <= t; t2++) {
          const k = (b * T + t2) * 3 * C + C + h * HS;
          for (let i = 0; i < HS; i++) {
            dinp[q + i] += dpreatt[a + t2] * inp[k + i] * scale;
            dinp[k + i] += dpreatt[a + t2] * inp[q + i] * scale;
            dinp[k + C + i] += att[a + t2] * dout[d + i];
          }
        }
      }
    }
  }
}
