import { describe, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { attention_backward, attention_forward } from './attention.ts';
import * as ref from './attention.ref.ts';

describe('attention on the GPU vs its reference', () => {
  for (const [B, T, NH, HS, variant] of [
    [2, 7, 3, 5, 'thread'], // nothing a power of two
    [3, 67, 2, 12, 'thread'], // B*NH*T = 402 rows: several workgroups, the last partial
    [2, 7, 3, 5, 'workgroup'],
    [2, 67, 2, 12, 'workgroup'], // T > 64: threads stride over key positions
  ] as const) {
    it(`forward and backward, B=${B} T=${T} NH=${NH} HS=${HS}, ${variant} per row`, async () => {
      const h = await getHarness();
      const C = NH * HS;
      const rand = mulberry32(T);
      const inp = uniformArray(B * T * 3 * C, rand, -2, 2);
      const dout = uniformArray(B * T * C, rand);
      const dinp0 = uniformArray(B * T * 3 * C, rand); // random, not zero: backward must accumulate
      const nAtt = B * NH * T * T;

      const out = h.upload(new Float32Array(B * T * C), 'out');
      const att = h.upload(uniformArray(nAtt, rand), 'att'); // garbage in: forward must write every element
      const dpreatt = h.upload(uniformArray(nAtt, rand), 'dpreatt');
      const dinp = h.upload(dinp0, 'dinp');
      const inpB = h.upload(inp, 'inp');
      h.run(
        await attention_forward(h.cache, out, att, inpB, B, T, C, NH, variant),
        ...(await attention_backward(h.cache, dinp, dpreatt, h.upload(dout), inpB, att, B, T, C, NH, variant)),
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
