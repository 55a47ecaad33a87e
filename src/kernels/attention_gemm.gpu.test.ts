import { describe, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import type { RowVariant } from './fill.ts';
import type { MatmulVariant } from './matmul.ts';
import { attention_backward_gemm, attention_forward_gemm } from './attention_gemm.ts';
import * as ref from './attention.ref.ts';

// [B, T, NH, HS, matmul variant, row variant]. T=7/HS=5 and T=67: nothing a multiple of 4 (the
// vec4 kernel hands over to blocked); T=36/HS=8 and T=68: the vec4 kernel with partial tiles and
// B·NH products in one dispatch; T=40/HS=16: the 8x8 kernel with partial tiles (T=36: its
// hand-over to the 4x4 one on products whose M or N is not a multiple of 8); T=67 with tiled: partial 64x64 tiles and key ranges.
const CASES: [number, number, number, number, MatmulVariant, RowVariant][] = [
  [2, 7, 3, 5, 'blocked_vec4', 'thread'],
  [2, 36, 2, 8, 'blocked_vec4', 'thread'],
  [3, 68, 2, 12, 'blocked_vec4', 'thread'],
  [2, 40, 2, 16, 'blocked8_vec4', 'thread'],
  [2, 36, 2, 8, 'blocked8_vec4', 'thread'],
  [2, 67, 2, 12, 'blocked', 'thread'],
  [2, 7, 3, 5, 'naive', 'thread'],
  [2, 36, 2, 8, 'naive', 'workgroup'],
  [2, 7, 3, 5, 'tiled', 'workgroup'],
  [2, 67, 2, 12, 'tiled', 'workgroup'],
];

describe('attention as batched products on the GPU vs the row reference', () => {
  for (const [B, T, NH, HS, matmul, rows] of CASES) {
    it(`forward and backward, B=${B} T=${T} NH=${NH} HS=${HS}, ${matmul} products, ${rows} softmax`, async () => {
      const h = await getHarness();
      const C = NH * HS;
      const rand = mulberry32(T * 7 + HS);
      const inp = uniformArray(B * T * 3 * C, rand, -2, 2);
      const dout = uniformArray(B * T * C, rand);
      const dinp0 = uniformArray(B * T * 3 * C, rand); // random, not zero: backward must accumulate
      const nAtt = B * NH * T * T;

      const out = h.upload(uniformArray(B * T * C, rand), 'out'); // garbage in: forward must write every element
      const att = h.upload(uniformArray(nAtt, rand), 'att');
      const dpreatt = h.upload(uniformArray(nAtt, rand), 'dpreatt');
      const dinp = h.upload(dinp0, 'dinp');
      const inpB = h.upload(inp, 'inp');
      h.run(
        ...(await attention_forward_gemm(h.cache, out, att, inpB, B, T, C, NH, matmul, rows)),
        ...(await attention_backward_gemm(h.cache, dinp, dpreatt, h.upload(dout), inpB, att, B, T, C, NH, matmul, rows)),
      );

      const want = { out: new Float32Array(B * T * C), att: new Float32Array(nAtt), dpreatt: new Float32Array(nAtt), dinp: dinp0.slice() };
      ref.attention_forward(want.out, want.att, inp, B, T, C, NH);
      ref.attention_backward(want.dinp, want.dpreatt, dout, inp, want.att, B, T, C, NH);
      const tol = { atol: 1e-5, rtol: 1e-4 };
      expectAllClose('attention out', await h.readF32(out, B * T * C), want.out, [B, T, C], tol);
      expectAllClose('attention att', await h.readF32(att, nAtt), want.att, [B, NH, T, T], tol);
      expectAllClose('attention dpreatt', await h.readF32(dpreatt, nAtt), want.dpreatt, [B, NH, T, T], tol);
      expectAllClose('attention dinp', await h.readF32(dinp, B * T * 3 * C), want.dinp, [B, T, 3 * C], tol);
    });
  }
});
