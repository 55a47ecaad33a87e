import { describe, expect, it } from 'vitest';
import { checkGradients } from '../../test/finite-diff.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { crossentropy_forward_backward } from './crossentropy.ref.ts';

describe('crossentropy reference', () => {
  it('uniform logits give loss log(V); ignored positions do not count', () => {
    const [B, T, V] = [1, 2, 4];
    const logits = Float64Array.from([0, 0, 0, 0, 5, -3, 2, 1]);
    const stats = Float64Array.from([9, 9, 0.5, 2]);
    const losses = new Float64Array(2);
    const dlogits = new Float64Array(B * T * V);
    crossentropy_forward_backward(losses, dlogits, stats, logits, [2, 1], [1, 0], B, T, V);
    expect(stats[0]).toBeCloseTo(Math.log(4), 12);
    expect(stats[1]).toBe(1);
    expect(stats[2]).toBeCloseTo(0.5 + Math.log(4), 12); // running sum over steps
    expect(stats[3]).toBe(3);
    expect(losses[1]).toBe(0);
    expect([...dlogits.subarray(4)]).toEqual([0, 0, 0, 0]);
    expect(dlogits[2]).toBeCloseTo(0.25 - 1, 12);
  });

  it('backward equals finite differences of the mean loss (float64), with masked positions', () => {
    const [B, T, V] = [2, 3, 5];
    const logits = Float64Array.from(uniformArray(B * T * V, mulberry32(8), -3, 3));
    const targets = [0, 4, 2, 2, 1, 3];
    const weights = [1, 0, 1, 1, 0, 1];
    const worst = checkGradients({
      inputs: { logits },
      forward: () => {
        const stats = new Float64Array(4);
        crossentropy_forward_backward(new Float64Array(B * T), new Float64Array(B * T * V), stats, logits, targets, weights, B, T, V);
        return stats.subarray(0, 1);
      },
      backward: (dout) => {
        const dlogits = new Float64Array(B * T * V);
        crossentropy_forward_backward(new Float64Array(B * T), dlogits, new Float64Array(4), logits, targets, weights, B, T, V);
        return { logits: dlogits.map((g) => g * dout[0]) };
      },
    });
    expect(worst).toBeLessThan(1e-6);
  });
});
