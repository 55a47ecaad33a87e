import { describe, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { MATMUL_VARIANTS, matmul_backward, matmul_forward } from './matmul.ts';
import * as ref from './matmul.ref.ts';

// An awkward shape (no size a multiple of any tile or workgroup), one with sizes that are multiples
// of 4 but not of a tile (the vec4 kernel runs, with partial tiles), one whose products all have M and
// N multiples of 8 but not of a tile (the 8x8 kernel runs, with partial tiles), and the small preset's fc layer.
// Below 4 rows every variant but naive runs matmul_rows.wgsl: one row as in decoding (its vec4 sums),
// and three awkward rows (scalar sums).
const SHAPES = [
  { BT: 37, C: 45, OC: 29 },
  { BT: 36, C: 44, OC: 28 },
  { BT: 40, C: 48, OC: 24 },
  { BT: 1, C: 128, OC: 71 },
  { BT: 3, C: 45, OC: 29 },
  { BT: 16 * 64, C: 128, OC: 512 },
];

describe.each(MATMUL_VARIANTS)('matmul_%s on the GPU vs its reference', (variant) => {
  for (const { BT, C, OC } of SHAPES) {
    // Both bias modes on the small shapes; the large one (slow on SwiftShader) with a bias only.
    for (const withBias of BT * C * OC > 1e6 ? [true] : [true, false]) {
      it(`forward and backward, BT=${BT} C=${C} OC=${OC}, ${withBias ? 'with' : 'no'} bias`, async () => {
        const h = await getHarness();
        const rand = mulberry32(BT * 1000 + C + (withBias ? 1 : 0));
        const inp = uniformArray(BT * C, rand);
        const weight = uniformArray(OC * C, rand);
        const bias = uniformArray(OC, rand);
        const dout = uniformArray(BT * OC, rand);
        // Random, not zero: backward must accumulate.
        const dinp0 = uniformArray(BT * C, rand);
        const dweight0 = uniformArray(OC * C, rand);
        const dbias0 = uniformArray(OC, rand);

        const out = h.upload(uniformArray(BT * OC, rand), 'out'); // garbage: forward must overwrite
        const [inpB, weightB, doutB] = [h.upload(inp, 'inp'), h.upload(weight, 'weight'), h.upload(dout, 'dout')];
        const [dinp, dweight, dbias] = [h.upload(dinp0, 'dinp'), h.upload(dweight0, 'dweight'), h.upload(dbias0, 'dbias')];
        const biasB = withBias ? h.upload(bias, 'bias') : null;
        h.run(
          await matmul_forward(h.cache, out, inpB, weightB, biasB, BT, C, OC, variant),
          ...(await matmul_backward(h.cache, dinp, dweight, withBias ? dbias : null, doutB, inpB, weightB, BT, C, OC, variant)),
        );

        const f64 = (x: Float32Array) => Float64Array.from(x);
        const want = { out: new Float64Array(BT * OC), dinp: f64(dinp0), dweight: f64(dweight0), dbias: f64(dbias0) };
        ref.matmul_forward(want.out, f64(inp), f64(weight), withBias ? f64(bias) : null, BT, C, OC);
        ref.matmul_backward(want.dinp, want.dweight, withBias ? want.dbias : null, f64(dout), f64(inp), f64(weight), BT, C, OC);
        // float32 sums of up to K=1024 products of values in [-1, 1]
        const tol = { atol: 1e-3, rtol: 1e-4 };
        expectAllClose(`${variant} out`, await h.readF32(out, BT * OC), want.out, [BT, OC], tol);
        expectAllClose(`${variant} dinp`, await h.readF32(dinp, BT * C), want.dinp, [BT, C], tol);
        expectAllClose(`${variant} dweight`, await h.readF32(dweight, OC * C), want.dweight, [OC, C], tol);
        expectAllClose(`${variant} dbias`, await h.readF32(dbias, OC), want.dbias, [OC], tol);
      });
    }
  }
});
