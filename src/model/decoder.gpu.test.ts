import { describe, expect, it } from 'vitest';
import { expectAllClose } from '../../test/compare.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import type { ArenaLayout } from '../gpu/arena.ts';
import { mulberry32 } from '../util/random.ts';
import { act } from './activations.ts';
import type { GPTConfig } from './config.ts';
import { FORWARD_PREFILL_FROM, KVDecoder } from './decoder.ts';
import { initParams } from './flat.ts';
import { GPUModel } from './gpt.ts';
import { defaultKernelChoice } from './passes.ts';

// Nothing a power of two: C = 15, HS = 5, an 11-position context, 37 tokens.
const cfg: GPTConfig = { nLayer: 2, nHead: 3, nEmbd: 15, blockSize: 11, vocabSize: 37, dropout: 0 };

/** Random parameters, scaled up from GPT-2's init so the logits are far from uniform. */
function params(layout: ArenaLayout, seed: number): Float32Array {
  return initParams(layout, seed).map((x) => (x === 1 ? 1 : x * 20));
}

describe('KVDecoder vs the full-context forward pass', () => {
  it.each([defaultKernelChoice(true), defaultKernelChoice(false)])('every position: logits and the K/V cache match a (1, blockSize) forward, and follow a weight update (%o)', async (kernels) => {
    const h = await getHarness();
    const model = await GPUModel.create(h.device, h.cache, cfg, { batchSize: 1, seqLen: cfg.blockSize, kernels });
    const dec = await KVDecoder.create(model);
    const rand = mulberry32(5);
    const tokens = Array.from({ length: cfg.blockSize }, () => Math.floor(rand() * cfg.vocabSize));
    const V = cfg.vocabSize;
    const C = cfg.nEmbd;
    for (const seed of [1, 2]) {
      model.setParams(params(model.layout, seed)); // the decoder shares these buffers: no copy to refresh
      model.evalStep({ tokens, targets: tokens });
      const full = await model.read({ act: 'logits' }); // (1, T, V)
      dec.reset();
      let worst = 0;
      for (let t = 0; t < tokens.length; t++) {
        const logits = await dec.push(tokens[t]);
        expect(logits).toHaveLength(V);
        worst = Math.max(worst, expectAllClose(`logits @${t} (seed ${seed})`, logits, full.subarray(t * V, (t + 1) * V), [V], { atol: 1e-5, rtol: 1e-4 }));
      }
      expect(dec.length).toBe(cfg.blockSize);
      for (let l = 0; l < cfg.nLayer; l++) {
        const qkv = await model.read({ act: act(l, 'qkv') }); // (1, T, 3C)
        const k = await dec.read(`kcache.${l}`);
        const v = await dec.read(`vcache.${l}`);
        for (let t = 0; t < tokens.length; t++) {
          expectAllClose(`k cache layer ${l} @${t}`, k.subarray(t * C), qkv.subarray(t * 3 * C + C), [C], { atol: 1e-5, rtol: 1e-4 });
          expectAllClose(`v cache layer ${l} @${t}`, v.subarray(t * C), qkv.subarray(t * 3 * C + 2 * C), [C], { atol: 1e-5, rtol: 1e-4 });
        }
      }
      console.log(`[decoder] ${kernels.matmul}/${kernels.rows} seed ${seed}: largest logit difference vs full forward ${worst.toExponential(2)}`);
    }
    // Both prefill modes give the full forward's logits for the last prompt token, and the same cache.
    model.evalStep({ tokens, targets: tokens });
    const full = await model.read({ act: 'logits' });
    for (const n of [1, 4, 7, cfg.blockSize]) {
      const caches: Float32Array[][] = [];
      for (const mode of ['steps', 'forward'] as const) {
        const last = await dec.prefill(tokens.slice(0, n), mode);
        expectAllClose(`prefill ${mode} logits, n=${n}`, last, full.subarray((n - 1) * V, n * V), [V], { atol: 1e-5, rtol: 1e-4 });
        expect(dec.length).toBe(n);
        caches.push(await Promise.all([0, 1].flatMap((l) => [dec.read(`kcache.${l}`), dec.read(`vcache.${l}`)])));
      }
      caches[0].forEach((c, i) => expectAllClose(`prefill cache ${i}, n=${n}`, caches[1][i], c, [n * C], { atol: 1e-5, rtol: 1e-4 }));
    }
    // Decoding continues from a forward prefill exactly as from steps.
    await dec.prefill(tokens.slice(0, 6), 'forward');
    expectAllClose('push after a forward prefill', await dec.push(tokens[6]), full.subarray(6 * V, 7 * V), [V], { atol: 1e-5, rtol: 1e-4 });
    dec.destroy();
    model.destroy();
  });

  it('with a width that is a multiple of 4 (16-byte loads in matmul_rows), both prefill modes give the same bits', async () => {
    const h = await getHarness();
    const c4: GPTConfig = { nLayer: 2, nHead: 3, nEmbd: 12, blockSize: 9, vocabSize: 37, dropout: 0 };
    const model = await GPUModel.create(h.device, h.cache, c4, { batchSize: 1, seqLen: c4.blockSize });
    model.setParams(params(model.layout, 4));
    const dec = await KVDecoder.create(model);
    const rand = mulberry32(8);
    const tokens = Array.from({ length: c4.blockSize }, () => Math.floor(rand() * c4.vocabSize));
    for (const n of [5, c4.blockSize]) {
      const got: Float32Array[][] = [];
      for (const mode of ['steps', 'forward'] as const) {
        const logits = await dec.prefill(tokens.slice(0, n), mode);
        got.push([logits, ...(await Promise.all([0, 1].flatMap((l) => [dec.read(`kcache.${l}`), dec.read(`vcache.${l}`)])))]);
      }
      got[0].forEach((x, i) => expect(Array.from(got[1][i].subarray(0, i === 0 ? x.length : n * c4.nEmbd)), `n=${n}, ${i === 0 ? 'logits' : `cache ${i}`}`).toEqual(Array.from(x.subarray(0, i === 0 ? x.length : n * c4.nEmbd))));
    }
    dec.destroy();
    model.destroy();
  });

  it('refuses a token past the cache and a token outside the vocabulary; picks the prefill mode by length alone', async () => {
    const h = await getHarness();
    const model = await GPUModel.create(h.device, h.cache, cfg, { batchSize: 1, seqLen: 4 });
    model.setParams(params(model.layout, 3));
    const dec = await KVDecoder.create(model);
    // short prompts run as decode steps, longer ones as one forward pass, whatever was timed before
    expect([dec.cheaperPrefill(FORWARD_PREFILL_FROM - 1), dec.cheaperPrefill(FORWARD_PREFILL_FROM)]).toEqual(['steps', 'forward']);
    await expect(dec.push(cfg.vocabSize)).rejects.toThrow(/not in the vocabulary/);
    // a second step while one is in flight is refused (it would overwrite the first one's inputs)
    const first = dec.push(1);
    await expect(dec.push(2)).rejects.toThrow(/still running/);
    await first;
    expect(dec.length).toBe(1);
    await dec.prefill(Array.from({ length: cfg.blockSize }, (_, i) => i));
    await expect(dec.push(0)).rejects.toThrow(/do not fit the cache/);
    // after steps and a forward pass have run (and been slow or fast), the rule is the same
    expect([dec.cheaperPrefill(FORWARD_PREFILL_FROM - 1), dec.cheaperPrefill(FORWARD_PREFILL_FROM)]).toEqual(['steps', 'forward']);
    dec.destroy();
    model.destroy();
  });
});
