import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTokenizer } from '../train/tokenizer-json.ts';
import type { RunSettings } from './protocol.ts';
import { freshCheckpoint } from './run.ts';
import { planStart } from './starts.ts';

const lab = loadTokenizer(readFileSync('public/models/tokenizer.json', 'utf8'));
const draft: RunSettings = { preset: 'test', steps: 40, lr: 1e-3, seed: 2, batch: 4 };
const classify: RunSettings = { ...draft, task: { kind: 'classify', choice: 'head', loraRank: 4, readAt: 'last', dataset: 'spam' } };
const base = () => ({ ...freshCheckpoint({ ...draft, preset: 'small' }, { tokenizer: lab }), info: { stage: 'pretrain', steps: 900 } });

describe('what a start makes of the draft and the checkpoint', () => {
  it('pretraining: fresh weights, or going on from a checkpoint with its settings', () => {
    const fresh = planStart(draft, undefined, undefined, lab);
    expect(fresh.settings).toEqual(draft);
    expect(fresh.start.optimizer).toBeUndefined();
    expect(fresh.parent).toBeUndefined();
    const from = planStart(draft, base(), 'shipped:base-small', lab);
    expect(from.settings.preset).toBe('test'); // the CLI info has no preset: the draft fills it
    expect(from.parent).toBe('shipped:base-small');
    expect(from.note).toMatch(/Continuing from the checkpoint at step 0 \(it has no optimizer state/);
  });

  it('finetuning from a base: a new head, a fresh AdamW, the base as parent and the preset read off its shape', () => {
    const p = planStart(classify, base(), 'shipped:base-small', lab);
    expect(p.settings).toEqual({ ...classify, preset: 'small' });
    expect(p.parent).toBe('shipped:base-small');
    expect(p.start.weights.get('cls.weight')?.shape).toEqual([2, 128]);
    expect(p.start.optimizer).toBeUndefined();
    expect(p.start.info).toEqual({ stage: 'classify', parent: 'shipped:base-small' });
    expect(p.note).toMatch(/^Finetuning shipped:base-small \(a pretrain checkpoint\): 258 of [\d,]+ parameters train/);
  });

  it('refuses a finetuning run without a checkpoint, and a classifier as a base', () => {
    expect(() => planStart(classify, undefined, undefined, lab)).toThrow(/starts from a checkpoint/);
    const cls = planStart(classify, base(), 'x', lab).start;
    expect(() => planStart(classify, cls, 'ck-1', lab)).toThrow(/ck-1 is already a classifier/);
    expect(() => planStart(draft, cls, 'ck-1', lab)).toThrow(/classifier: pretraining goes on from a language model/);
  });

  it('a saved run of the same kind continues with its own settings; a restore takes everything from the checkpoint', () => {
    const started = planStart(classify, base(), 'shipped:base-small', lab).start;
    const saved = {
      ...started,
      optimizer: { step: 12, m: new Map(), v: new Map() },
      info: { stage: 'classify', parent: 'shipped:base-small', settings: { ...classify, preset: 'small', steps: 30, lr: 5e-4 } },
    };
    const cont = planStart({ ...classify, steps: 50 }, saved, 'ck-7', lab);
    expect(cont.settings).toMatchObject({ steps: 50, lr: 5e-4, preset: 'small', task: classify.task });
    expect(cont.parent).toBe('shipped:base-small');
    expect(cont.start).toBe(saved);
    const back = planStart(draft, saved, 'autosave:classify', lab, true);
    expect(back.settings).toMatchObject({ steps: 30, lr: 5e-4, task: classify.task });
    expect(back.parent).toBe('shipped:base-small');
  });
});
