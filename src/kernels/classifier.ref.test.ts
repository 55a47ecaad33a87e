import { describe, expect, it } from 'vitest';
import { checkGradients } from '../../test/finite-diff.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { classifier_backward, classifier_forward } from './classifier.ref.ts';

describe('classifier reference', () => {
  it('reads only the gathered position of each sequence', () => {
    const [B, T, C, NC] = [1, 3, 2, 1];
    const inp = Float64Array.from([100, 100, 1, 2, 100, 100]);
    const logits = new Float64Array(1);
    classifier_forward(logits, inp, [1], Float64Array.from([3, -1]), Float64Array.from([0.5]), B, T, C, NC);
    expect(logits[0]).toBe(3 * 1 - 1 * 2 + 0.5);
  });

  it('backward equals finite differences (float64); non-gathered rows get no gradient', () => {
    const [B, T, C, NC] = [3, 4, 5, 2];
    const rand = mulberry32(6);
    const inp = Float64Array.from(uniformArray(B * T * C, rand));
    const weight = Float64Array.from(uniformArray(NC * C, rand));
    const bias = Float64Array.from(uniformArray(NC, rand));
    const idx = [3, 0, 2];
    let dinpSeen = new Float64Array(0);
    const worst = checkGradients({
      inputs: { inp, weight, bias },
      forward: () => {
        const logits = new Float64Array(B * NC);
        classifier_forward(logits, inp, idx, weight, bias, B, T, C, NC);
        return logits;
      },
      backward: (dout) => {
        const g = { inp: new Float64Array(B * T * C), weight: new Float64Array(NC * C), bias: new Float64Array(NC) };
        classifier_backward(g.inp, g.weight, g.bias, dout, inp, idx, weight, B, T, C, NC);
        dinpSeen = g.inp;
        return g;
      },
    });
    expect(worst).toBeLessThan(1e-6);
    expect(dinpSeen.subarray(C, 2 * C).every((x) => x === 0)).toBe(true); // b=0, t=1 was not gathered
  });
});
