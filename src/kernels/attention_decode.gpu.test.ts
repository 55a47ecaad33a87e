import { describe, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getRowHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { attention_decode } from './attention_decode.ts';
import * as ref from './attention_decode.ref.ts';

describe('attention_decode on the GPU vs its reference', () => {
  for (const [maxT, NH, HS, variant] of [
    [7, 3, 5, 'thread'], // nothing a power of two
    [7, 3, 5, 'workgroup'],
    [67, 2, 12, 'thread'],
    [67, 2, 12, 'workgroup'], // cache longer than a workgroup: threads stride over key positions
    [7, 3, 5, 'subgroup'],
    [67, 2, 12, 'subgroup'],
  ] as const) {
    it(`maxT=${maxT} NH=${NH} HS=${HS}, ${variant} per head, at the first, a middle and the last position`, async (ctx) => {
      const h = await getRowHarness(variant, ctx);
      const C = NH * HS;
      const rand = mulberry32(maxT + HS);
      const qkv = uniformArray(3 * C, rand, -2, 2);
      const kcache = uniformArray(maxT * C, rand, -2, 2);
      const vcache = uniformArray(maxT * C, rand);
      const out = h.upload(uniformArray(C, rand), 'out'); // garbage in: every element must be written
      const att = h.upload(uniformArray(NH * maxT, rand), 'att');
      const step = h.upload(new Uint32Array(1), 'step');
      const d = await attention_decode(h.cache, out, att, h.upload(qkv), h.upload(kcache), h.upload(vcache), step, C, NH, maxT, variant);
      for (const pos of [0, Math.floor(maxT / 2), maxT - 1]) {
        h.device.queue.writeBuffer(step, 0, new Uint32Array([pos]));
        h.run(d); // the same dispatch for every position: only the step buffer changes
        const want = { out: new Float32Array(C), att: new Float32Array(NH * maxT) };
        ref.attention_decode(want.out, want.att, qkv, kcache, vcache, pos, C, NH, maxT);
        const tol = { atol: 1e-5, rtol: 1e-4 };
        expectAllClose(`attention_decode out @${pos}`, await h.readF32(out, C), want.out, [C], tol);
        expectAllClose(`attention_decode att @${pos}`, await h.readF32(att, NH * maxT), want.att, [NH, maxT], tol);
      }
    });
  }
});
