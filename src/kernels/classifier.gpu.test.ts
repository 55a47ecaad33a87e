import { describe, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32, uniformArray } from '../util/random.ts';
import { classifier_backward, classifier_forward } from './classifier.ts';
import { crossentropy_forward_backward } from './crossentropy.ts';
import * as ref from './classifier.ref.ts';
import * as ceRef from './crossentropy.ref.ts';

describe('classifier head on the GPU vs its reference', () => {
  it('gather, linear, cross-entropy and back: B=5 T=11 C=67 NC=2', async () => {
    const h = await getHarness();
    const [B, T, C, NC] = [5, 11, 67, 2];
    const rand = mulberry32(67);
    const inp = uniformArray(B * T * C, rand);
    const idx = Uint32Array.from([10, 0, 4, 7, 10]); // last non-padding token of each sequence
    const labels = Uint32Array.from([1, 0, 0, 1, 1]);
    const weight = uniformArray(NC * C, rand);
    const bias = uniformArray(NC, rand);
    const dinp0 = uniformArray(B * T * C, rand); // random, not zero: backward must accumulate
    const dweight0 = uniformArray(NC * C, rand);
    const dbias0 = uniformArray(NC, rand);

    const logits = h.upload(new Float32Array(B * NC), 'logits');
    const dlogits = h.upload(new Float32Array(B * NC), 'dlogits'); // zeroed, as the zero-grad step leaves it
    const stats = h.upload(new Float32Array(4), 'stats');
    const losses = h.upload(new Float32Array(B), 'losses');
    const [dinp, dweight, dbias] = [h.upload(dinp0), h.upload(dweight0), h.upload(dbias0)];
    const [inpB, idxB, wB] = [h.upload(inp), h.upload(idx), h.upload(weight)];
    h.run(
      await classifier_forward(h.cache, logits, inpB, idxB, wB, h.upload(bias), B, T, C, NC),
      ...(await crossentropy_forward_backward(h.cache, losses, dlogits, stats, logits, h.upload(labels), h.upload(new Float32Array(B).fill(1)), B, 1, NC)),
      ...(await classifier_backward(h.cache, dinp, dweight, dbias, dlogits, inpB, idxB, wB, B, T, C, NC)),
    );

    const want = { logits: new Float32Array(B * NC), dlogits: new Float32Array(B * NC), stats: new Float32Array(4) };
    ref.classifier_forward(want.logits, inp, idx, weight, bias, B, T, C, NC);
    ceRef.crossentropy_forward_backward(new Float32Array(B), want.dlogits, want.stats, want.logits, labels, new Float32Array(B).fill(1), B, 1, NC);
    const [wDinp, wDw, wDb] = [dinp0.slice(), dweight0.slice(), dbias0.slice()];
    ref.classifier_backward(wDinp, wDw, wDb, want.dlogits, inp, idx, weight, B, T, C, NC);
    const tol = { atol: 1e-5, rtol: 1e-4 };
    expectAllClose('classifier logits', await h.readF32(logits, B * NC), want.logits, [B, NC], tol);
    expectAllClose('classifier loss', await h.readF32(stats, 1), want.stats, [1], tol);
    expectAllClose('classifier dlogits', await h.readF32(dlogits, B * NC), want.dlogits, [B, NC], tol);
    expectAllClose('classifier dinp', await h.readF32(dinp, B * T * C), wDinp, [B, T, C], tol);
    expectAllClose('classifier dweight', await h.readF32(dweight, NC * C), wDw, [NC, C], tol);
    expectAllClose('classifier dbias', await h.readF32(dbias, NC), wDb, [NC], tol);
  });
});
