import { describe, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getRowHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { layernorm_backward, layernorm_forward } from './layernorm.ts';
import * as ref from './layernorm.ref.ts';

describe('layernorm on the GPU vs its reference', () => {
  for (const [B, T, C, variant] of [
    [3, 23, 37, 'thread'], // rows and channels not multiples of 64
    [3, 23, 37, 'workgroup'], // C < 64: some threads of each workgroup hold no channel
    [2, 5, 131, 'workgroup'], // C > 2 * 64: threads stride over channels
    [3, 23, 37, 'subgroup'],
    [2, 5, 131, 'subgroup'],
  ] as const) {
    it(`forward and backward, B=${B} T=${T} C=${C}, ${variant} per row`, async (ctx) => {
      const h = await getRowHarness(variant, ctx);
      const N = B * T;
      const rand = mulberry32(17);
      const inp = uniformArray(N * C, rand, -3, 5); // an offset mean, so the two-pass variance matters
      const weight = uniformArray(C, rand);
      const bias = uniformArray(C, rand);
      const dout = uniformArray(N * C, rand);
      const dinp0 = uniformArray(N * C, rand); // random, not zero: backward must accumulate
      const dweight0 = uniformArray(C, rand);
      const dbias0 = uniformArray(C, rand);

      const [out, mean, rstd] = [h.upload(new Float32Array(N * C)), h.upload(new Float32Array(N)), h.upload(new Float32Array(N))];
      const [dinp, dweight, dbias] = [h.upload(dinp0), h.upload(dweight0), h.upload(dbias0)];
      const [inpB, wB, doutB] = [h.upload(inp), h.upload(weight), h.upload(dout)];
      h.run(
        await layernorm_forward(h.cache, out, mean, rstd, inpB, wB, h.upload(bias), B, T, C, variant),
        ...(await layernorm_backward(h.cache, dinp, dweight, dbias, doutB, inpB, wB, mean, rstd, B, T, C, variant)),
      );

      const want = { out: new Float32Array(N * C), mean: new Float32Array(N), rstd: new Float32Array(N) };
      ref.layernorm_forward(want.out, want.mean, want.rstd, inp, weight, bias, B, T, C);
      const [wDinp, wDw, wDb] = [dinp0.slice(), dweight0.slice(), dbias0.slice()];
      ref.layernorm_backward(wDinp, wDw, wDb, dout, inp, weight, want.mean, want.rstd, B, T, C);
      const tol = { atol: 1e-5, rtol: 1e-4 };
      expectAllClose('layernorm out', await h.readF32(out, N * C), want.out, [B, T, C], tol);
      expectAllClose('layernorm mean', await h.readF32(mean, N), want.mean, [B, T], tol);
      expectAllClose('layernorm rstd', await h.readF32(rstd, N), want.rstd, [B, T], tol);
      expectAllClose('layernorm dinp', await h.readF32(dinp, N * C), wDinp, [B, T, C], tol);
      expectAllClose('layernorm dweight', await h.readF32(dweight, C), wDw, [C], { atol: 1e-4, rtol: 1e-4 });
      expectAllClose('layernorm dbias', await h.readF32(dbias, C), wDb, [C], { atol: 1e-4, rtol: 1e-4 });
    });
  }
});
