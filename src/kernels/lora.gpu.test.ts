import { describe, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { lora_backward, lora_forward } from './lora.ts';
import { MATMUL_VARIANTS } from './matmul.ts';
import * as ref from './lora.ref.ts';

// Awkward sizes (no tile multiples, a rank that is not a power of two) and the small preset's qkv with r=8.
const SHAPES = [
  { BT: 37, C: 45, OC: 29, r: 3, alpha: 6 },
  { BT: 16 * 64, C: 128, OC: 384, r: 8, alpha: 16 },
];

describe.each(MATMUL_VARIANTS)('lora with matmul_%s on the GPU vs its reference', (variant) => {
  for (const { BT, C, OC, r, alpha } of SHAPES) {
    it(`forward and backward, BT=${BT} C=${C} OC=${OC} r=${r}`, async () => {
      const h = await getHarness();
      const rand = mulberry32(BT + C + OC + r);
      const inp = uniformArray(BT * C, rand);
      const A = uniformArray(r * C, rand);
      const B = uniformArray(OC * r, rand);
      const dout = uniformArray(BT * OC, rand);
      // out holds the frozen matmul's result; gradients hold earlier contributions: both must be added to.
      const out0 = uniformArray(BT * OC, rand);
      const dinp0 = uniformArray(BT * C, rand);
      const dA0 = uniformArray(r * C, rand);
      const dB0 = uniformArray(OC * r, rand);

      const up = (x: Float32Array, label: string) => h.upload(x, label);
      const [inpB, AB, BB, doutB] = [up(inp, 'inp'), up(A, 'A'), up(B, 'B'), up(dout, 'dout')];
      const [out, hB, dhB] = [up(out0, 'out'), up(uniformArray(BT * r, rand), 'h'), up(uniformArray(BT * r, rand), 'dh')];
      const [dinp, dA, dB] = [up(dinp0, 'dinp'), up(dA0, 'dA'), up(dB0, 'dB')];
      h.run(
        ...(await lora_forward(h.cache, out, hB, inpB, AB, BB, BT, C, OC, r, alpha, variant)),
        ...(await lora_backward(h.cache, dinp, dA, dB, dhB, doutB, inpB, hB, AB, BB, BT, C, OC, r, alpha, variant)),
      );

      const f64 = (x: Float32Array) => Float64Array.from(x);
      const want = { out: f64(out0), h: new Float64Array(BT * r), dinp: f64(dinp0), dA: f64(dA0), dB: f64(dB0), dh: new Float64Array(BT * r) };
      ref.lora_forward(want.out, want.h, f64(inp), f64(A), f64(B), BT, C, OC, r, alpha);
      ref.lora_backward(want.dinp, want.dA, want.dB, want.dh, f64(dout), f64(inp), want.h, f64(A), f64(B), BT, C, OC, r, alpha);
      // float32 sums over up to BT=1024 terms, scaled by alpha / r
      const tol = { atol: 2e-3, rtol: 1e-4 };
      expectAllClose(`${variant} out`, await h.readF32(out, BT * OC), want.out, [BT, OC], tol);
      expectAllClose(`${variant} h`, await h.readF32(hB, BT * r), want.h, [BT, r], tol);
      expectAllClose(`${variant} dh`, await h.readF32(dhB, BT * r), want.dh, [BT, r], tol);
      expectAllClose(`${variant} dinp`, await h.readF32(dinp, BT * C), want.dinp, [BT, C], tol);
      expectAllClose(`${variant} dA`, await h.readF32(dA, r * C), want.dA, [r, C], tol);
      expectAllClose(`${variant} dB`, await h.readF32(dB, OC * r), want.dB, [OC, r], tol);
    });
  }
});
