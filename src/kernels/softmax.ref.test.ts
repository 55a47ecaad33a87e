import { describe, expect, it } from 'vitest';
import { checkGradients } from '../../test/finite-diff.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { softmax_causal_backward, softmax_causal_forward } from './softmax.ref.ts';

describe('causal softmax reference', () => {
  it('row t is a distribution over positions 0..t, zero above, unchanged by a shift, safe for large scores', () => {
    const [rows, T] = [6, 3];
    const x = Float64Array.from(uniformArray(rows * T, mulberry32(2), -3, 3));
    const att = x.slice();
    softmax_causal_forward(att, rows, T);
    const shifted = x.map((v) => v + 1000); // would overflow exp without the max subtraction
    softmax_causal_forward(shifted, rows, T);
    for (let r = 0; r < rows; r++) {
      const t = r % T;
      const row = att.subarray(r * T, r * T + T);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      for (let t2 = 0; t2 < T; t2++) {
        if (t2 > t) expect(row[t2]).toBe(0);
        expect(shifted[r * T + t2]).toBeCloseTo(row[t2], 12);
      }
    }
    expect(att[0]).toBe(1); // position 0 attends only to itself
    // row 1 (t = 1): exp(x1) / (exp(x0) + exp(x1)) at t2 = 1
    const [a, b] = [x[T], x[T + 1]];
    expect(att[T + 1]).toBeCloseTo(Math.exp(b) / (Math.exp(a) + Math.exp(b)), 12);
  });

  it('backward equals finite differences (float64), rows=8 T=4', () => {
    const [rows, T] = [8, 4];
    const inp = Float64Array.from(uniformArray(rows * T, mulberry32(5), -2, 2));
    let att = new Float64Array(rows * T);
    const worst = checkGradients({
      inputs: { inp },
      forward: () => {
        att = inp.slice();
        softmax_causal_forward(att, rows, T);
        return att.slice();
      },
      backward: (dout) => {
        const d = dout.slice(); // datt in, dpreatt out
        softmax_causal_backward(d, att, rows, T);
        return { inp: d };
      },
    });
    expect(worst).toBeLessThan(1e-6);
  });
});
