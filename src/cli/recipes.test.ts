import { describe, expect, it } from 'vitest';
import { CLASSIFY_RECIPE, SPAM_TRAIN_MESSAGES } from '../lessons/classify/recipe.ts';
import { INSTRUCT_RECIPE } from '../lessons/instruct/recipe.ts';
import { PRETRAIN_RECIPE } from '../lessons/pretrain/recipe.ts';
import { PRESETS } from '../model/config.ts';
import * as classify from './commands/finetune-classify.ts';
import * as instruct from './commands/finetune-instruct.ts';
import * as dpo from './commands/finetune-dpo.ts';
import { existsSync } from 'node:fs';
import { PREFER_RECIPE } from '../lessons/prefer/recipe.ts';

// The lessons' recipes are what the command-line trainer does by default, and their numbers hold
// for the data and presets they name.
const presetBatch = (id: string) => PRESETS.find((p) => p.id === id)?.batchSize;

describe('lesson recipes and the command line', () => {
  it('finetune-instruct defaults to lesson 3\'s recipe, whose batch is its preset\'s', () => {
    const o = instruct.spec.options;
    expect({ steps: o.steps.default, batch: o.batch.default, lr: o.lr.default, warmup: o.warmup.default, seed: o.seed.default, rank: o.rank.default, alpha: o.alpha.default })
      .toEqual({ steps: 300, batch: 16, lr: 1e-3, warmup: 20, seed: 1337, rank: INSTRUCT_RECIPE.loraRank, alpha: 2 * INSTRUCT_RECIPE.loraRank });
    expect(o['mask-prompt'].default).toBe('true');
    expect(o.lora.default).toBe(false);
    expect(presetBatch(INSTRUCT_RECIPE.preset)).toBe(INSTRUCT_RECIPE.batch);
    expect(presetBatch(PRETRAIN_RECIPE.preset)).toBe(PRETRAIN_RECIPE.batch);
  });

  it('finetune-classify defaults to lesson 2\'s recipe, and its step count matches the shipped spam set', () => {
    const o = classify.spec.options;
    expect({ choice: o.choice.default, readAt: o['read-at'].default, epochs: o.epochs.default, batch: o.batch.default, lr: o.lr.default, seed: o.seed.default })
      .toEqual({ choice: 'all', readAt: 'last', epochs: 3, batch: 8, lr: 1e-3, seed: 1337 });
    const train = classify.loadSpam(classify.SPAM_DATA).filter((m) => m.split === 'train').length;
    expect(SPAM_TRAIN_MESSAGES).toBe(train);
    expect(CLASSIFY_RECIPE.steps).toBe(900);
  });

  it('finetune-dpo defaults to lesson 4\'s recipe, starting from the shipped instruct model on the world\'s pairs', () => {
    const o = dpo.spec.options;
    expect({ beta: o.beta.default, nll: o.nll.default, replay: o.replay.default, replayWeight: o['replay-weight'].default, steps: o.steps.default, batch: o.batch.default, lr: o.lr.default, warmup: o.warmup.default, seed: o.seed.default })
      .toEqual({ beta: PREFER_RECIPE.beta, nll: PREFER_RECIPE.nll, replay: PREFER_RECIPE.replay, replayWeight: PREFER_RECIPE.replayWeight, steps: PREFER_RECIPE.steps, batch: PREFER_RECIPE.batch, lr: PREFER_RECIPE.lr, warmup: PREFER_RECIPE.warmup, seed: PREFER_RECIPE.seed });
    expect(PREFER_RECIPE.nll).toBeGreaterThan(0); // issue 19's reference: pure DPO never made the refusal the top answer
    expect(PREFER_RECIPE.replay).toBeGreaterThan(0); // issue 19: without replay the refusal took known answers with it
    for (const f of [o.checkpoint.default, o.data.default]) expect(existsSync(f as string), String(f)).toBe(true);
  });
});
