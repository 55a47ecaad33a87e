import { describe, expect, it } from 'vitest';
import { checkGradients } from '../../test/finite-diff.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { matmul_backward, matmul_forward } from './matmul.ref.ts';

const f64 = (n: number, seed: number) => Float64Array.from(uniformArray(n, mulberry32(seed)));

describe('matmul reference', () => {
  it('computes a known 2x2 · (3x2)ᵀ + bias by hand', () => {
    const out = new Float64Array(6);
    // inp (BT=2, C=2), weight (OC=3, C=2), bias (3)
    matmul_forward(out, Float64Array.of(1, 2, 3, 4), Float64Array.of(1, 0, 0, 1, 1, 1), Float64Array.of(10, 20, 30), 2, 2, 3);
    expect(Array.from(out)).toEqual([11, 22, 33, 13, 24, 37]);
  });

  for (const withBias of [true, false]) {
    it(`backward equals finite differences (float64, ${withBias ? 'with' : 'without'} bias)`, () => {
      const [BT, C, OC] = [5, 4, 3];
      const inp = f64(BT * C, 1);
      const weight = f64(OC * C, 2);
      const bias = f64(OC, 3);
      const inputs: Record<string, Float64Array> = withBias ? { inp, weight, bias } : { inp, weight };
      const worst = checkGradients({
        inputs,
        forward: () => {
          const out = new Float64Array(BT * OC);
          matmul_forward(out, inp, weight, withBias ? bias : null, BT, C, OC);
          return out;
        },
        backward: (dout) => {
          const g = { inp: new Float64Array(BT * C), weight: new Float64Array(OC * C), bias: new Float64Array(OC) };
          matmul_backward(g.inp, g.weight, withBias ? g.bias : null, dout, inp, weight, BT, C, OC);
          return g;
        },
      });
      expect(worst).toBeLessThan(1e-6);
    });
  }

  it('backward accumulates into what the gradients already hold', () => {
    const [BT, C, OC] = [3, 2, 2];
    const dout = f64(BT * OC, 4);
    const inp = f64(BT * C, 5);
    const weight = f64(OC * C, 6);
    const fresh = [new Float64Array(BT * C), new Float64Array(OC * C), new Float64Array(OC)] as const;
    matmul_backward(fresh[0], fresh[1], fresh[2], dout, inp, weight, BT, C, OC);
    const held = [new Float64Array(BT * C).fill(1), new Float64Array(OC * C).fill(2), new Float64Array(OC).fill(3)] as const;
    matmul_backward(held[0], held[1], held[2], dout, inp, weight, BT, C, OC);
    held.forEach((h, j) => h.forEach((v, i) => expect(v).toBeCloseTo(fresh[j][i] + j + 1, 12)));
  });
});
