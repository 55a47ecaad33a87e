import { describe, expect, it } from 'vitest';
import { checkGradients } from '../../test/finite-diff.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { gelu_backward, gelu_forward } from './gelu.ref.ts';

describe('gelu reference', () => {
  it('matches known values of the tanh form', () => {
    const out = new Float64Array(3);
    gelu_forward(out, Float64Array.from([0, 1, -2]), 3);
    expect(out[0]).toBe(0);
    expect(out[1]).toBeCloseTo(0.841192, 5);
    expect(out[2]).toBeCloseTo(-0.045402, 5);
  });

  it('backward equals finite differences (float64)', () => {
    const N = 37;
    const inp = Float64Array.from(uniformArray(N, mulberry32(1), -4, 4));
    const worst = checkGradients({
      inputs: { inp },
      forward: () => {
        const out = new Float64Array(N);
        gelu_forward(out, inp, N);
        return out;
      },
      backward: (dout) => {
        const dinp = new Float64Array(N);
        gelu_backward(dinp, inp, dout, N);
        return { inp: dinp };
      },
    });
    expect(worst).toBeLessThan(1e-6);
  });
});
