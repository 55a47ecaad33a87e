import { describe, expect, it } from 'vitest';
import { checkGradients } from '../../test/finite-diff.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { residual_backward, residual_forward } from './residual.ref.ts';

describe('residual reference', () => {
  it('adds', () => {
    const out = new Float64Array(2);
    residual_forward(out, Float64Array.from([1, 2]), Float64Array.from([10, -5]), 2);
    expect([...out]).toEqual([11, -3]);
  });

  it('backward equals finite differences (float64)', () => {
    const N = 13;
    const rand = mulberry32(2);
    const inp1 = Float64Array.from(uniformArray(N, rand));
    const inp2 = Float64Array.from(uniformArray(N, rand));
    const worst = checkGradients({
      inputs: { inp1, inp2 },
      forward: () => {
        const out = new Float64Array(N);
        residual_forward(out, inp1, inp2, N);
        return out;
      },
      backward: (dout) => {
        const d1 = new Float64Array(N);
        const d2 = new Float64Array(N);
        residual_backward(d1, d2, dout, N);
        return { inp1: d1, inp2: d2 };
      },
    });
    expect(worst).toBeLessThan(1e-6);
  });
});
