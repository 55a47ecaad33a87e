import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { DPO_STATS, dpo_backward, dpo_forward } from './dpo.ts';
import * as ref from './dpo.ref.ts';

describe('dpo on the GPU vs its reference', () => {
  it.each([
    ['no text rows', 0, 0],
    ['3 text rows weighted 0.7 (pretraining replay), one of them half padding', 3, 0.7],
  ])('P=3 T=13 V=67, %s: masks, an uncounted pair, large logits, NLL on; backward accumulates', async (_, L, lm) => {
    const h = await getHarness();
    const [P, T, V] = [3, 13, 67];
    const B = 2 * P + L;
    const N = B * T;
    const [beta, nll] = [0.3, 0.8];
    const rand = mulberry32(41);
    const logits = uniformArray(N * V, rand, -30, 30); // wide range: needs the max subtraction
    const targets = Uint32Array.from({ length: N }, () => Math.floor(rand() * V));
    // prompt columns masked, padding at the ends, pair 1's rejected row (row 4) empty
    // text rows: every token counts except the last row's second half (padding)
    const weights = Float32Array.from({ length: N }, (_, i) => {
      const [row, t] = [Math.floor(i / T), i % T];
      if (row >= 2 * P) return row === B - 1 && t > T / 2 ? 0 : 1;
      return t < 4 || t > 10 - (i % 3) || row === 4 ? 0 : 1;
    });
    const refSeq = Float32Array.from({ length: B }, () => -40 * rand());
    const dlogits0 = uniformArray(N * V, rand); // random, not zero: backward must accumulate

    const b = {
      logps: h.upload(uniformArray(N, rand), 'logps'),
      lse: h.upload(uniformArray(N, rand), 'lse'),
      seq: h.upload(uniformArray(B, rand), 'seq'),
      dseq: h.upload(uniformArray(B, rand), 'dseq'),
      stats: h.upload(new Float32Array(DPO_STATS.length).fill(9), 'stats'),
      dlogits: h.upload(dlogits0, 'dlogits'),
    };
    const [gl, gt, gw] = [h.upload(logits), h.upload(targets), h.upload(weights)];
    h.run(...(await dpo_forward(h.cache, b.logps, b.lse, b.seq, b.dseq, b.stats, gl, gt, gw, h.upload(refSeq), B, T, V, beta, nll, L, lm)));
    h.run(await dpo_backward(h.cache, b.dlogits, gl, gt, gw, b.lse, b.dseq, B, T, V));

    const want = { logps: new Float32Array(N), lse: new Float32Array(N), seq: new Float32Array(B), dseq: new Float32Array(B), stats: new Float32Array(DPO_STATS.length), dlogits: dlogits0.slice() };
    ref.dpo_forward(want.logps, want.lse, want.seq, want.dseq, want.stats, logits, targets, weights, refSeq, B, T, V, beta, nll, L, lm);
    ref.dpo_backward(want.dlogits, logits, targets, weights, want.lse, want.dseq, B, T, V);
    const tol = { atol: 2e-5, rtol: 2e-5 };
    expectAllClose('dpo logps', await h.readF32(b.logps, N), want.logps, [B, T], tol);
    expectAllClose('dpo lse', await h.readF32(b.lse, N), want.lse, [B, T], tol);
    expectAllClose('dpo seq', await h.readF32(b.seq, B), want.seq, [B], { atol: 1e-4, rtol: 1e-5 });
    expectAllClose('dpo dseq', await h.readF32(b.dseq, B), want.dseq, [B], tol);
    expectAllClose('dpo stats', await h.readF32(b.stats, DPO_STATS.length), want.stats, [DPO_STATS.length], { atol: 1e-4, rtol: 1e-5 });
    expectAllClose('dpo dlogits', await h.readF32(b.dlogits, N * V), want.dlogits, [B, T, V], tol);
    expect(want.stats[7]).toBe(2); // pair 1 left out
    expect(want.stats[0]).toBeGreaterThan(1); // a real loss, not a degenerate 0
    if (L) expect(want.stats[10]).toBeGreaterThan(1); // the text rows' NLL, counted
  });
});
