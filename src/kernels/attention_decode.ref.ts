/**
 * CPU reference of attention_decode.wgsl: same name, same argument order (outputs, inputs, sizes),
 * with the position as a plain number. Written for clarity; works on Float32Array or Float64Array.
 */
type Arr = Float32Array | Float64Array;

/**
 * out: (C), att: (NH, maxT) weights (0 past pos), qkv: (3C) the new position (q = first C),
 * kcache, vcache: (maxT, C) with rows 0..pos filled.
 */
export function attention_decode(out: Arr, att: Arr, qkv: Arr, kcache: Arr, vcache: Arr, pos: number, C: number, NH: number, maxT: number): void {
  if (pos < 0 || pos >= maxT) throw new Error(`attention_decode: pos ${pos} outside the cache (0..${maxT - 1})`);
  const HS = C / NH;
  const scale = 1 / Math.sqrt(HS);
  for (let h = 0; h < NH; h++) {
    const a = h * maxT;
    let maxv = -Infinity;
    for (let t = 0; t <= pos; t++) {
      let dot = 0;
      for (let i = 0; i < HS; i++) dot += qkv[h * HS + i] * kcache[t * C + h * HS + i];
      att[a + t] = dot * scale;
      maxv = Math.max(maxv, att[a + t]);
    }
    let sum = 0;
    for (let t = 0; t <= pos; t++) {
      att[a + t] = Math.exp(att[a + t] - maxv); // max subtracted: no overflow
      sum += att[a + t];
    }
    for (let t = 0; t < maxT; t++) att[a + t] = t <= pos ? att[a + t] / sum : 0;
    for (let i = 0; i < HS; i++) {
      let acc = 0;
      for (let t = 0; t <= pos; t++) acc += att[a + t] * vcache[t * C + h * HS + i];
      out[h * HS + i] = acc;
    }
  }
}
