import { describe, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { gelu_backward, gelu_forward } from './gelu.ts';
import * as ref from './gelu.ref.ts';

describe('gelu on the GPU vs its reference', () => {
  // Sizes not a multiple of 64; the last needs more than 65,535 workgroups, so the grid-stride loop runs twice.
  for (const N of [5, 1000, 4_194_311]) {
    it(`forward and backward, N=${N}`, async () => {
      const h = await getHarness();
      const rand = mulberry32(N);
      const inp = uniformArray(N, rand, -6, 6);
      const dout = uniformArray(N, rand);
      const dinp0 = uniformArray(N, rand); // random, not zero: backward must accumulate

      const out = h.upload(new Float32Array(N), 'out');
      const dinp = h.upload(dinp0, 'dinp');
      const inpBuf = h.upload(inp, 'inp');
      const doutBuf = h.upload(dout, 'dout');
      h.run(await gelu_forward(h.cache, out, inpBuf, N), await gelu_backward(h.cache, dinp, inpBuf, doutBuf, N));

      const wantOut = new Float32Array(N);
      ref.gelu_forward(wantOut, inp, N);
      const wantDinp = dinp0.slice();
      ref.gelu_backward(wantDinp, inp, dout, N);
      expectAllClose('gelu out', await h.readF32(out, N), wantOut, [N], { atol: 1e-5, rtol: 1e-4 });
      expectAllClose('gelu dinp', await h.readF32(dinp, N), wantDinp, [N], { atol: 1e-5, rtol: 1e-4 });
    });
  }
});
