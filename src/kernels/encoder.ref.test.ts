import { describe, expect, it } from 'vitest';
import { checkGradients } from '../../test/finite-diff.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { encoder_buckets } from './encoder.ts';
import { encoder_backward, encoder_forward } from './encoder.ref.ts';

describe('encoder reference', () => {
  it('backward equals finite differences (float64), with a token repeated across the batch', () => {
    const [B, T, C, V, maxT] = [2, 3, 4, 5, 4];
    const inp = [1, 3, 1, 4, 1, 0];
    const rand = mulberry32(5);
    const wte = Float64Array.from(uniformArray(V * C, rand));
    const wpe = Float64Array.from(uniformArray(maxT * C, rand));
    const worst = checkGradients({
      inputs: { wte, wpe },
      forward: () => {
        const out = new Float64Array(B * T * C);
        encoder_forward(out, inp, wte, wpe, B, T, C);
        return out;
      },
      backward: (dout) => {
        const dwte = new Float64Array(V * C);
        const dwpe = new Float64Array(maxT * C);
        encoder_backward(dwte, dwpe, dout, inp, B, T, C);
        return { wte: dwte, wpe: dwpe };
      },
    });
    expect(worst).toBeLessThan(1e-6);
  });

  it('groups positions by token id, sorted, with empty buckets after the last', () => {
    const BT = 6;
    const b = encoder_buckets([3, 1, 3, 0, 1, 3], 2, 3);
    expect([...b.subarray(0, BT + 1)]).toEqual([0, 1, 3, 6, 6, 6, 6]); // start: token 0 | 1 1 | 3 3 3
    expect([...b.subarray(BT + 1, BT + 4)]).toEqual([0, 1, 3]); // tok
    expect([...b.subarray(2 * BT + 1)]).toEqual([3, 1, 4, 0, 2, 5]); // pos
  });
});
