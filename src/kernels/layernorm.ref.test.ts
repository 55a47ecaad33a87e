import { describe, expect, it } from 'vitest';
import { checkGradients } from '../../test/finite-diff.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { layernorm_backward, layernorm_forward } from './layernorm.ref.ts';

describe('layernorm reference', () => {
  it('normalizes a row to mean 0 and variance 1 before the affine part', () => {
    const [C] = [4];
    const out = new Float64Array(C);
    const mean = new Float64Array(1);
    const rstd = new Float64Array(1);
    layernorm_forward(out, mean, rstd, Float64Array.from([1, 2, 3, 4]), Float64Array.from([1, 1, 1, 1]), new Float64Array(C), 1, 1, C);
    expect(mean[0]).toBe(2.5);
    expect(rstd[0]).toBeCloseTo(1 / Math.sqrt(1.25 + 1e-5), 12);
    expect(out[0]).toBeCloseTo(-1.5 / Math.sqrt(1.25 + 1e-5), 12);
  });

  it('backward equals finite differences (float64)', () => {
    const [B, T, C] = [2, 3, 5];
    const rand = mulberry32(3);
    const inp = Float64Array.from(uniformArray(B * T * C, rand, -2, 2));
    const weight = Float64Array.from(uniformArray(C, rand));
    const bias = Float64Array.from(uniformArray(C, rand));
    const mean = new Float64Array(B * T);
    const rstd = new Float64Array(B * T);
    const worst = checkGradients({
      inputs: { inp, weight, bias },
      forward: () => {
        const out = new Float64Array(B * T * C);
        layernorm_forward(out, mean, rstd, inp, weight, bias, B, T, C);
        return out;
      },
      backward: (dout) => {
        const g = { inp: new Float64Array(B * T * C), weight: new Float64Array(C), bias: new Float64Array(C) };
        layernorm_backward(g.inp, g.weight, g.bias, dout, inp, weight, mean, rstd, B, T, C);
        return g;
      },
    });
    expect(worst).toBeLessThan(1e-6);
  });
});
