import { describe, expect, it } from 'vitest';
import { getHarness } from '../../test/kernel-harness.ts';
import { layoutArena } from '../gpu/arena.ts';
import type { GPTConfig } from '../model/config.ts';
import { initParams, unflatten } from '../model/flat.ts';
import { gptParamSpecs } from '../model/params.ts';
import type { Checkpoint } from './checkpoint.ts';
import { trainClassifier, type ClassTrainSettings } from './classtrain.ts';
import { modelFromCheckpoint } from './model-io.ts';
import { finetuneStart } from './finetune-setup.ts';
import { classificationSource, formatClassSet } from './sources.ts';
import { trainBPE } from './tokenizer-train.ts';

const TEXT = 'the cat sat on the mat. buy cheap pills now! free money, click here. ';
const tok = trainBPE(TEXT.repeat(6), { vocabSize: 300 });
const cfg: GPTConfig = { nLayer: 2, nHead: 2, nEmbd: 16, blockSize: 16, vocabSize: tok.vocabSize, dropout: 0 };
const items = ['buy cheap pills now!', 'free money, click here.', 'the cat sat on the mat.', 'a cat on a mat', 'click here', 'the mat.'].map((text, i) => ({ text, label: i < 2 || i === 4 ? 1 : 0 }));

function base(): Checkpoint {
  const layout = layoutArena('init', gptParamSpecs(cfg), 4);
  const views = unflatten(layout, initParams(layout, 4));
  return { config: cfg, tokenizer: tok, weights: new Map(layout.tensors.map((t) => [t.name, { shape: [...t.shape], data: views[t.name] }])) };
}

describe('a classification run cut into slices', () => {
  it('resumed with `from` mid-epoch trains on the same batches and ends with the same weights as one run straight through', async () => {
    const h = await getHarness();
    const set = formatClassSet(tok, items, cfg.blockSize);
    const src = classificationSource(set, set, set, 4, cfg.blockSize, tok.padId, 5); // 2 batches per epoch
    const { start, opts, counts } = finetuneStart(base(), { task: 'classify', choice: 'last-block', readAt: 'last' }, 9);
    expect(counts.trainable).toBeLessThan(counts.total);
    const s: ClassTrainSettings = { steps: 7, schedule: { maxLr: 1e-2, minLr: 1e-3, warmupSteps: 1, totalSteps: 7 }, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, logEvery: 1, evalEvery: 100, evalBatches: 1 };
    const build = () => modelFromCheckpoint(h.device, h.cache, start, { ...opts, batchSize: 4, seqLen: cfg.blockSize });
    const straight = await build();
    const logs: number[] = [];
    await trainClassifier(straight, src, s, { onMetric: (m) => logs.push(m.loss) });
    const want = await straight.read('params');
    straight.destroy();

    const sliced = await build();
    const got: number[] = [];
    let stopAt = 3; // stops after step 3: in the middle of the second epoch
    const first = await trainClassifier(sliced, src, s, { onMetric: (m) => got.push(m.loss), shouldStop: () => got.length >= stopAt });
    expect(first.steps).toBe(3);
    stopAt = Infinity;
    const rest = await trainClassifier(sliced, src, { ...s, from: 3 }, {
      onMetric: (m) => {
        got.push(m.loss);
        expect(m.rows).toBeGreaterThan(0);
        expect(m.right).toBeLessThanOrEqual(m.rows);
      },
    });
    expect(rest.steps).toBe(7);
    expect(got).toEqual(logs);
    expect(await sliced.read('params')).toEqual(want);
    sliced.destroy();
  });
});
