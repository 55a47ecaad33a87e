// The attention view's weights against the CPU reference model: a tiny GPT with random weights runs
// forward on the GPU through the worker's own read-back (train/attention-maps.ts), and every cell
// the view draws (headWeights) must equal the reference's softmax for the same tokens.
import { describe, expect, it } from 'vitest';
import { getHarness } from '../../test/kernel-harness.ts';
import { mulberry32 } from '../util/random.ts';
import type { GPTConfig } from '../model/config.ts';
import { initParams, unflatten } from '../model/flat.ts';
import { GPUModel } from '../model/gpt.ts';
import { gptForwardRef } from '../model/reference.ts';
import { attentionMaps } from '../train/attention-maps.ts';
import { headWeights } from './attention.ts';

describe('attention view vs the CPU reference', () => {
  it.each([{ nClasses: undefined }, { nClasses: 2 }])('every head of every layer equals the reference (%o)', async ({ nClasses }) => {
    const h = await getHarness();
    const c: GPTConfig = { nLayer: 2, nHead: 3, nEmbd: 12, blockSize: 16, vocabSize: 29, dropout: 0 };
    const B = 2;
    const T = 16;
    const m = await GPUModel.create(h.device, h.cache, c, { batchSize: B, seqLen: T, nClasses });
    const flat = initParams(m.layout, 4);
    const rand = mulberry32(11);
    // Larger weights than the init so the softmax is far from uniform.
    for (let i = 0; i < flat.length; i++) flat[i] += 0.8 * (rand() - 0.5);
    m.setParams(flat);
    const ids = Array.from({ length: 9 }, () => Math.floor(rand() * c.vocabSize));
    const a = await attentionMaps(m, ids);
    expect([a.nLayer, a.nHead, a.n, a.weights.length]).toEqual([2, 3, 9, 2 * 3 * 9 * 9]);

    const tokens = new Int32Array(B * T);
    tokens.set(ids);
    const ref = gptForwardRef(c, unflatten(m.layout, Float64Array.from(flat)), tokens, B, T, nClasses ? { nClasses, lastIndex: [8, 0] } : {});
    let maxDiff = 0;
    for (let l = 0; l < c.nLayer; l++) {
      const att = ref[`h.${l}.att`];
      for (let hd = 0; hd < c.nHead; hd++) {
        const shown = headWeights(a, l, hd);
        for (let q = 0; q < 9; q++) {
          for (let k = 0; k < 9; k++) {
            const want = att[(hd * T + q) * T + k];
            maxDiff = Math.max(maxDiff, Math.abs(shown[q][k] - want));
            if (k > q) expect(shown[q][k]).toBe(0);
          }
          expect(shown[q].reduce((s, w) => s + w, 0)).toBeCloseTo(1, 5);
        }
      }
    }
    expect(maxDiff).toBeLessThan(1e-5);
    // Not all uniform: the random weights make some head prefer some keys.
    expect(Math.max(...a.weights.filter((_, i) => i % 81 >= 9))).toBeGreaterThan(0.6);
    m.destroy();
  });
});
