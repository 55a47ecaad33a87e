import { describe, expect, it } from 'vitest';
import { getHarness } from '../../test/kernel-harness.ts';
import type { GPTConfig } from '../model/config.ts';
import { loadCheckpoint, saveCheckpoint, type Checkpoint } from './checkpoint.ts';
import { generate } from './generate.ts';
import { checkpointFromModel, freshCheckpoint as freshWeights, modelFromCheckpoint } from './model-io.ts';
import { lmSource } from './sources.ts';
import { trainBPE } from './tokenizer-train.ts';
import { DEFAULT_TRAIN, DivergedError, Trainer } from './trainer.ts';

const TEXT = 'the cat sat on the mat. the dog sat on the log. a cat and a dog sat on a mat and a log. ';
const tok = trainBPE(TEXT.repeat(4), { vocabSize: 300 });
const cfg: GPTConfig = { nLayer: 2, nHead: 2, nEmbd: 16, blockSize: 16, vocabSize: tok.vocabSize, dropout: 0 };

const freshCheckpoint = (seed: number): Checkpoint => freshWeights(cfg, tok, seed);

const stream = tok.encode(TEXT.repeat(30));
const settings = (o: Partial<typeof DEFAULT_TRAIN> = {}) => ({
  ...DEFAULT_TRAIN, steps: 30, logEvery: 5, evalEvery: 15, evalBatches: 2, seed: 7,
  schedule: { maxLr: 1e-2, minLr: 1e-3, warmupSteps: 5, totalSteps: 30 }, ...o,
});

describe('engine: training, checkpoints and generation on the GPU', () => {
  it('trains deterministically: the same seed gives the same losses, and the loss falls', async () => {
    const h = await getHarness();
    const runOnce = async () => {
      const model = await modelFromCheckpoint(h.device, h.cache, freshCheckpoint(1), { batchSize: 4, seqLen: 16 });
      const tr = new Trainer(model, lmSource(stream, stream, 4, 16, tok.padId), settings());
      const losses: number[] = [];
      const vals: number[] = [];
      await tr.run({ onMetric: (m) => losses.push(m.trainLoss), onEval: (_s, v) => vals.push(v) });
      model.destroy();
      return { losses, vals, tokens: tr.tokens };
    };
    const a = await runOnce();
    const b = await runOnce();
    expect(a.losses).toEqual(b.losses);
    expect(a.vals).toEqual(b.vals);
    expect(a.losses).toHaveLength(6);
    expect(a.tokens).toBe(30 * 4 * 16);
    expect(a.losses[5]).toBeLessThan(a.losses[0] - 1);
    expect(a.vals[1]).toBeLessThan(a.vals[0]);
  });

  it('stops with DivergedError when the loss is no longer finite', async () => {
    const h = await getHarness();
    const model = await modelFromCheckpoint(h.device, h.cache, freshCheckpoint(2), { batchSize: 4, seqLen: 16, gradClip: 0 });
    const tr = new Trainer(model, lmSource(stream, stream, 4, 16, tok.padId), settings({ gradClip: 0, schedule: { maxLr: 1e30, minLr: 1e30, warmupSteps: 0, totalSteps: 30 } }));
    await expect(tr.run()).rejects.toBeInstanceOf(DivergedError);
    model.destroy();
  });

  it('checkpoint round trip is bit-exact: same weights, moments and logits', async () => {
    const h = await getHarness();
    const model = await modelFromCheckpoint(h.device, h.cache, freshCheckpoint(3), { batchSize: 4, seqLen: 16 });
    await new Trainer(model, lmSource(stream, stream, 4, 16, tok.padId), settings({ steps: 5, evalEvery: 0 })).run();
    const ck = await checkpointFromModel(model, tok, { stage: 'test' }, 5);
    const bytes = saveCheckpoint(ck);
    const back = loadCheckpoint(bytes, 'roundtrip');
    const model2 = await modelFromCheckpoint(h.device, h.cache, back, { batchSize: 4, seqLen: 16 });
    expect(await model2.read('params')).toEqual(await model.read('params'));
    expect(await model2.read('m')).toEqual(await model.read('m'));
    expect(await model2.read('v')).toEqual(await model.read('v'));
    const input = { tokens: stream.slice(0, 64), targets: stream.slice(1, 65) };
    model.evalStep(input);
    model2.evalStep(input);
    expect(await model2.read({ act: 'logits' })).toEqual(await model.read({ act: 'logits' }));
    // A truncated file and a foreign file are refused with a message, and nothing is built.
    expect(() => loadCheckpoint(bytes.slice(0, bytes.length - 10), 'cut.safetensors')).toThrow(/cut\.safetensors/);
    expect(() => loadCheckpoint(new TextEncoder().encode('{"not": "a checkpoint"}'), 'notes.json')).toThrow(/notes\.json/);
    model.destroy();
    model2.destroy();
  });

  it('generation with a fixed seed is reproducible and stops at end-of-text', async () => {
    const h = await getHarness();
    const model = await modelFromCheckpoint(h.device, h.cache, freshCheckpoint(4), { batchSize: 1, seqLen: cfg.blockSize });
    const prompt = tok.encode('the cat');
    const opts = { maxTokens: 20, temperature: 1, topK: 0, topP: 1, seed: 11 };
    const a = (await generate(model, tok, prompt, opts)).map((t) => t.token);
    const b = (await generate(model, tok, prompt, opts)).map((t) => t.token);
    const c = (await generate(model, tok, prompt, { ...opts, seed: 12 })).map((t) => t.token);
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    expect(a.length).toBeGreaterThan(0);
    const endAt = a.indexOf(tok.endOfTextId);
    if (endAt >= 0) expect(endAt).toBe(a.length - 1);
    else expect(a).toHaveLength(20); // longer than the 16-token context: the window slid
    expect(a.every((t) => t !== tok.padId)).toBe(true);
    model.destroy();
  });
});
