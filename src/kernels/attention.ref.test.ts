import { describe, expect, it } from 'vitest';
import { checkGradients } from '../../test/finite-diff.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { attention_backward, attention_forward } from './attention.ref.ts';

describe('attention reference', () => {
  it('first position attends only to itself; rows sum to 1 with zeros above the diagonal', () => {
    const [B, T, C, NH] = [1, 3, 4, 2];
    const inp = Float64Array.from(uniformArray(B * T * 3 * C, mulberry32(9)));
    const out = new Float64Array(B * T * C);
    const att = new Float64Array(B * NH * T * T);
    attention_forward(out, att, inp, B, T, C, NH);
    for (let i = 0; i < C; i++) expect(out[i]).toBeCloseTo(inp[2 * C + i], 12); // out_0 = v_0
    for (let r = 0; r < NH * T; r++) {
      const row = att.subarray(r * T, r * T + T);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (let t2 = (r % T) + 1; t2 < T; t2++) expect(row[t2]).toBe(0);
    }
  });

  it('backward equals finite differences (float64), T=7 NH=3 HS=5', () => {
    const [B, T, NH, HS] = [2, 7, 3, 5];
    const C = NH * HS;
    const inp = Float64Array.from(uniformArray(B * T * 3 * C, mulberry32(4), -1.5, 1.5));
    const att = new Float64Array(B * NH * T * T);
    const worst = checkGradients({
      inputs: { inp },
      forward: () => {
        const out = new Float64Array(B * T * C);
        attention_forward(out, att, inp, B, T, C, NH);
        return out;
      },
      backward: (dout) => {
        const dinp = new Float64Array(B * T * 3 * C);
        attention_backward(dinp, new Float64Array(B * NH * T * T), dout, inp, att, B, T, C, NH);
        return { inp: dinp };
      },
    });
    expect(worst).toBeLessThan(1e-6);
  });
});
