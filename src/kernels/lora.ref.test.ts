import { describe, expect, it } from 'vitest';
import { checkGradients } from '../../test/finite-diff.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { lora_backward, lora_forward } from './lora.ref.ts';
import { matmul_backward, matmul_forward } from './matmul.ref.ts';

const f64 = (n: number, seed: number) => Float64Array.from(uniformArray(n, mulberry32(seed)));

describe('lora reference', () => {
  it('adds (alpha / r) · (inp · Aᵀ) · Bᵀ to out, computed by hand', () => {
    // BT=1, C=2, OC=2, r=1: h = 1*3 + 2*4 = 11; out += (8 / 1) * 11 * B
    const out = Float64Array.of(100, 200);
    const h = new Float64Array(1);
    lora_forward(out, h, Float64Array.of(1, 2), Float64Array.of(3, 4), Float64Array.of(0.5, -1), 1, 2, 2, 1, 8);
    expect(h[0]).toBe(11);
    expect(Array.from(out)).toEqual([100 + 44, 200 - 88]);
  });

  it('backward of frozen matmul + LoRA equals finite differences (float64)', () => {
    const [BT, C, OC, r, alpha] = [4, 5, 3, 2, 4];
    const inp = f64(BT * C, 1);
    const weight = f64(OC * C, 2);
    const A = f64(r * C, 3);
    const B = f64(OC * r, 4);
    const h = new Float64Array(BT * r);
    const worst = checkGradients({
      inputs: { inp, A, B },
      forward: () => {
        const out = new Float64Array(BT * OC);
        matmul_forward(out, inp, weight, null, BT, C, OC);
        lora_forward(out, h, inp, A, B, BT, C, OC, r, alpha);
        return out;
      },
      backward: (dout) => {
        const g = { inp: new Float64Array(BT * C), A: new Float64Array(r * C), B: new Float64Array(OC * r) };
        const dweight = new Float64Array(OC * C); // frozen: computed and ignored
        matmul_backward(g.inp, dweight, null, dout, inp, weight, BT, C, OC);
        lora_forward(new Float64Array(BT * OC), h, inp, A, B, BT, C, OC, r, alpha);
        lora_backward(g.inp, g.A, g.B, new Float64Array(BT * r), dout, inp, h, A, B, BT, C, OC, r, alpha);
        return g;
      },
    });
    expect(worst).toBeLessThan(1e-6);
  });
});
