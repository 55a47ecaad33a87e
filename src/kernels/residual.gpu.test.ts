import { describe, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { residual_backward, residual_forward } from './residual.ts';
import * as ref from './residual.ref.ts';

describe('residual on the GPU vs its reference', () => {
  // 399: not a multiple of 64; 70,001: more than the capped grid's 65,536 threads, so threads loop.
  for (const N of [3 * 7 * 19, 70_001]) {
    it(`forward and backward, N=${N}`, async () => {
      const h = await getHarness();
      const rand = mulberry32(N);
      const inp1 = uniformArray(N, rand);
      const inp2 = uniformArray(N, rand);
      const dout = uniformArray(N, rand);
      const dinp1_0 = uniformArray(N, rand); // random, not zero: backward must accumulate
      const dinp2_0 = uniformArray(N, rand);
      const out = h.upload(new Float32Array(N), 'out');
      const dinp1 = h.upload(dinp1_0, 'dinp1');
      const dinp2 = h.upload(dinp2_0, 'dinp2');
      h.run(
        await residual_forward(h.cache, out, h.upload(inp1), h.upload(inp2), N),
        await residual_backward(h.cache, dinp1, dinp2, h.upload(dout), N),
      );
      const wantOut = new Float32Array(N);
      ref.residual_forward(wantOut, inp1, inp2, N);
      const want1 = dinp1_0.slice();
      const want2 = dinp2_0.slice();
      ref.residual_backward(want1, want2, dout, N);
      const tol = { atol: 1e-6, rtol: 1e-6 };
      expectAllClose('residual out', await h.readF32(out, N), wantOut, [N], tol);
      expectAllClose('residual dinp1', await h.readF32(dinp1, N), want1, [N], tol);
      expectAllClose('residual dinp2', await h.readF32(dinp2, N), want2, [N], tol);
    });
  }
});
