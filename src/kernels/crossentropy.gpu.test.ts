import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness, getRowHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { crossentropy_forward_backward } from './crossentropy.ts';
import * as ref from './crossentropy.ref.ts';

describe('crossentropy on the GPU vs its reference', () => {
  for (const variant of ['thread', 'workgroup', 'subgroup'] as const) {
    it(`B=3 T=29 V=67 with masked positions and large logits (${variant} per row)`, async (ctx) => {
      const h = await getRowHarness(variant, ctx);
      const [B, T, V] = [3, 29, 67];
      const N = B * T;
      const rand = mulberry32(29);
      const logits = uniformArray(N * V, rand, -40, 40); // wide range: needs the max subtraction
      const targets = Uint32Array.from({ length: N }, () => Math.floor(rand() * V));
      const weights = Float32Array.from({ length: N }, (_, i) => (i % 5 === 1 ? 0 : i % 7 === 0 ? 0.5 : 1));
      const dlogits0 = uniformArray(N * V, rand); // random, not zero: backward must accumulate

      const losses = h.upload(uniformArray(N, rand), 'losses');
      const dlogits = h.upload(dlogits0, 'dlogits');
      const stats0 = new Float32Array([7, 7, 1.5, 2]); // a running sum of two earlier steps
      const stats = h.upload(stats0, 'stats');
      h.run(...(await crossentropy_forward_backward(h.cache, losses, dlogits, stats, h.upload(logits), h.upload(targets), h.upload(weights), B, T, V, variant)));

      const want = { losses: new Float32Array(N), dlogits: dlogits0.slice(), stats: stats0.slice() };
      ref.crossentropy_forward_backward(want.losses, want.dlogits, want.stats, logits, targets, weights, B, T, V);
      const tol = { atol: 1e-5, rtol: 1e-5 };
      expectAllClose('crossentropy losses', await h.readF32(losses, N), want.losses, [B, T], tol);
      expectAllClose('crossentropy dlogits', await h.readF32(dlogits, N * V), want.dlogits, [B, T, V], tol);
      expectAllClose('crossentropy stats', await h.readF32(stats, 4), want.stats, [4], tol);
      expect(want.stats[3]).toBe(3);
      expect(want.stats[0]).toBeGreaterThan(1); // a real loss, not a degenerate 0
    });
  }

  it('every position masked: loss 0 and dlogits untouched (both variants)', async () => {
    const h = await getHarness();
    const [B, T, V] = [2, 3, 5];
    for (const variant of ['thread', 'workgroup'] as const) {
      const dlogits0 = uniformArray(B * T * V, mulberry32(1));
      const dlogits = h.upload(dlogits0);
      const stats = h.upload(new Float32Array([7, 7, 0, 0]));
      const losses = h.upload(new Float32Array(B * T).fill(3));
      const logits = h.upload(uniformArray(B * T * V, mulberry32(2)));
      const none = h.upload(new Float32Array(B * T));
      h.run(...(await crossentropy_forward_backward(h.cache, losses, dlogits, stats, logits, h.upload(new Uint32Array(B * T)), none, B, T, V, variant)));
      expect([...(await h.readF32(stats, 4))]).toEqual([0, 0, 0, 1]);
      expect([...(await h.readF32(losses, B * T))]).toEqual(new Array(B * T).fill(0));
      expectAllClose(`dlogits (${variant})`, await h.readF32(dlogits, B * T * V), dlogits0, [B, T, V], { atol: 0, rtol: 0 });
    }
  });
});
