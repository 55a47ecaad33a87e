import { describe, expect, it } from 'vitest';
import { mulberry32, uniformArray } from '../util/random.ts';
import { attention_forward } from './attention.ref.ts';
import { attention_decode } from './attention_decode.ref.ts';

describe('attention_decode reference', () => {
  it('decoding position pos from a cache equals row pos of full causal attention (T=7 NH=3 HS=5)', () => {
    const [T, NH, HS] = [7, 3, 5];
    const C = NH * HS;
    const inp = Float64Array.from(uniformArray(T * 3 * C, mulberry32(3), -2, 2)); // (1, T, 3C)
    const fullOut = new Float64Array(T * C);
    const fullAtt = new Float64Array(NH * T * T);
    attention_forward(fullOut, fullAtt, inp, 1, T, C, NH);
    // The cache a decoder would hold: k and v of every position, (T, C) each.
    const kcache = new Float64Array(T * C);
    const vcache = new Float64Array(T * C);
    for (let t = 0; t < T; t++) {
      kcache.set(inp.subarray(t * 3 * C + C, t * 3 * C + 2 * C), t * C);
      vcache.set(inp.subarray(t * 3 * C + 2 * C, t * 3 * C + 3 * C), t * C);
    }
    for (let pos = 0; pos < T; pos++) {
      const out = new Float64Array(C);
      const att = new Float64Array(NH * T).fill(7); // garbage: every weight must be written
      attention_decode(out, att, inp.subarray(pos * 3 * C, (pos + 1) * 3 * C), kcache, vcache, pos, C, NH, T);
      for (let i = 0; i < C; i++) expect(out[i]).toBeCloseTo(fullOut[pos * C + i], 12);
      for (let h = 0; h < NH; h++) {
        for (let t = 0; t < T; t++) expect(att[h * T + t]).toBeCloseTo(fullAtt[(h * T + pos) * T + t], 12);
      }
    }
  });

  it('ignores cache rows past pos and refuses a position outside the cache', () => {
    const [maxT, NH, C] = [5, 2, 6];
    const rand = mulberry32(8);
    const qkv = Float64Array.from(uniformArray(3 * C, rand));
    const k = Float64Array.from(uniformArray(maxT * C, rand));
    const v = Float64Array.from(uniformArray(maxT * C, rand));
    const a = new Float64Array(C);
    attention_decode(a, new Float64Array(NH * maxT), qkv, k, v, 2, C, NH, maxT);
    k.fill(99, 3 * C); // rows 3 and 4 are "the future"
    v.fill(-99, 3 * C);
    const b = new Float64Array(C);
    attention_decode(b, new Float64Array(NH * maxT), qkv, k, v, 2, C, NH, maxT);
    expect(b).toEqual(a);
    expect(() => attention_decode(b, new Float64Array(NH * maxT), qkv, k, v, maxT, C, NH, maxT)).toThrow(/outside the cache/);
  });
});
