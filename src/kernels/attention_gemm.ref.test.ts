import { describe, expect, it } from 'vitest';
import { mulberry32, uniformArray } from '../util/random.ts';
import * as rows from './attention.ref.ts';
import { attention_backward_gemm, attention_forward_gemm } from './attention_gemm.ref.ts';

describe('attention as products (reference) vs attention one row at a time (reference)', () => {
  for (const [B, T, NH, HS] of [
    [2, 7, 3, 5],
    [1, 12, 4, 4],
  ] as const) {
    it(`same out, att, dpreatt and accumulated dinp in float64, B=${B} T=${T} NH=${NH} HS=${HS}`, () => {
      const C = NH * HS;
      const rand = mulberry32(T * 31 + HS);
      const inp = Float64Array.from(uniformArray(B * T * 3 * C, rand, -2, 2));
      const dout = Float64Array.from(uniformArray(B * T * C, rand));
      const dinp0 = Float64Array.from(uniformArray(B * T * 3 * C, rand)); // random: both must accumulate
      const nAtt = B * NH * T * T;
      const mk = () => ({ out: new Float64Array(B * T * C), att: new Float64Array(nAtt), dpreatt: Float64Array.from(uniformArray(nAtt, rand)), dinp: dinp0.slice() });
      const [a, g] = [mk(), mk()];
      g.att.set(uniformArray(nAtt, rand)); // garbage in: the product form must overwrite every element
      rows.attention_forward(a.out, a.att, inp, B, T, C, NH);
      rows.attention_backward(a.dinp, a.dpreatt, dout, inp, a.att, B, T, C, NH);
      attention_forward_gemm(g.out, g.att, inp, B, T, C, NH);
      attention_backward_gemm(g.dinp, g.dpreatt, dout, inp, g.att, B, T, C, NH);
      for (const name of ['out', 'att', 'dpreatt', 'dinp'] as const) {
        let worst = 0;
        for (let i = 0; i < a[name].length; i++) worst = Math.max(worst, Math.abs(a[name][i] - g[name][i]));
        expect(worst, name).toBeLessThan(1e-12);
      }
      expect(g.dinp.some((v, i) => v !== dinp0[i])).toBe(true);
    });
  }
});
