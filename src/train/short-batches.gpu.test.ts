import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import type { GPTConfig } from '../model/config.ts';
import { initParams } from '../model/flat.ts';
import { GPUModel } from '../model/gpt.ts';
import { mulberry32 } from '../util/random.ts';
import { instructionBatch } from './batches.ts';

// Instruction batches of short examples run fewer columns (GPUModel seqLens, instructionBatch's
// shorter lengths); what is cut is padding the loss never counts, so nothing else may change.
describe('short instruction batches on the GPU', () => {
  // Awkward sizes: head size 5, T=11, vocabulary 37, and a cut to 7 columns.
  const cfg: GPTConfig = { nLayer: 2, nHead: 3, nEmbd: 15, blockSize: 16, vocabSize: 37, dropout: 0 };
  const B = 3;
  const T = 11;

  it('a batch cut to a shorter length (seqLens) gives the padded batch its loss and gradients', async () => {
    const h = await getHarness();
    const m = await GPUModel.create(h.device, h.cache, cfg, { batchSize: B, seqLen: T, seqLens: [7, 4] });
    expect(m.lengths).toEqual([T, 7, 4]);
    const flat = initParams(m.layout, 6);
    const rand = mulberry32(12);
    for (let i = 0; i < flat.length; i++) flat[i] += 0.2 * (rand() - 0.5);
    m.setParams(flat);
    // Two examples of 8 and 5 tokens (7 and 4 input positions), loss on their last tokens only.
    const ex = (n: number) => ({ ids: Int32Array.from({ length: n }, () => Math.floor(rand() * cfg.vocabSize)), lossMask: Uint8Array.from({ length: n }, (_, i) => (i >= 2 ? 1 : 0)) });
    const examples = [ex(8), ex(5)];
    const padded = instructionBatch(examples, [0, 1], B, T, 0);
    const cut = instructionBatch(examples, [0, 1], B, T, 0, [4, 7]);
    expect([padded.T, cut.T]).toEqual([T, 7]);
    const run = async (b: typeof padded) => {
      m.gradientStep({ tokens: b.inputs, targets: b.targets, weights: b.mask });
      return { loss: (await m.readLoss()).loss, grads: await m.read('grads') };
    };
    const full = await run(padded);
    const short = await run(cut);
    expect(short.loss).toBeCloseTo(full.loss, 6);
    expectAllClose('grads at T=7 vs T=11', short.grads, full.grads, [full.grads.length], { atol: 1e-7, rtol: 1e-6 });
    expect(full.grads.some((x) => x !== 0)).toBe(true);
    expect(() => m.gradientStep({ tokens: new Int32Array(B * 5), targets: new Int32Array(B * 5) })).toThrow(`tokens: expected 33 (B=3 x T=11) or 21 (B=3 x T=7) or 12 (B=3 x T=4) ids, got 15`);
    m.destroy();
    await expect(GPUModel.create(h.device, h.cache, cfg, { batchSize: B, seqLen: T, seqLens: [11] })).rejects.toThrow('seqLens: 11 is not a whole number from 1 to 10');
  });

});
