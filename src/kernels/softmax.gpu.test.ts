import { describe, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getRowHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { softmax_causal_backward, softmax_causal_forward } from './softmax.ts';
import * as ref from './softmax.ref.ts';

describe('causal softmax on the GPU vs its reference', () => {
  // rows = B·NH·T; T=7 (odd), T=67 (more than a workgroup of 64 threads per row), scores up to ±60
  // (exp would overflow float32 without the max subtraction).
  for (const [rows, T, variant] of [
    [2 * 3 * 7, 7, 'thread'],
    [2 * 3 * 7, 7, 'workgroup'],
    [3 * 67, 67, 'thread'],
    [3 * 67, 67, 'workgroup'],
    [2 * 3 * 7, 7, 'subgroup'],
    [3 * 67, 67, 'subgroup'],
  ] as const) {
    it(`forward and backward, rows=${rows} T=${T}, ${variant} per row`, async (ctx) => {
      const h = await getRowHarness(variant, ctx);
      const rand = mulberry32(rows + T);
      const scores = uniformArray(rows * T, rand, -60, 60);
      const datt = uniformArray(rows * T, rand);
      const att = h.upload(scores, 'att');
      const dpreatt = h.upload(datt, 'dpreatt');
      h.run(await softmax_causal_forward(h.cache, att, rows, T, variant), await softmax_causal_backward(h.cache, dpreatt, att, rows, T, variant));
      const want = { att: scores.slice(), dpreatt: datt.slice() };
      ref.softmax_causal_forward(want.att, rows, T);
      ref.softmax_causal_backward(want.dpreatt, want.att, rows, T);
      const tol = { atol: 1e-6, rtol: 1e-4 };
      expectAllClose('softmax att', await h.readF32(att, rows * T), want.att, [rows, T], tol);
      expectAllClose('softmax dpreatt', await h.readF32(dpreatt, rows * T), want.dpreatt, [rows, T], tol);
    });
  }
});
