import { describe, expect, it } from 'vitest';
import { choiceName, domainShiftText, pct, runRows } from './format.ts';
import { parseLabelled } from '../../data/labelled.ts';
import { classifyTaskOf, DEFAULT_SETUP, runSettingsFor, setupErrors, toDelimited, type ClassifySetup } from './setup.ts';
import { spamProbability } from './TryMessage.tsx';
import * as classifyCli from '../../cli/commands/finetune-classify.ts';

const setup: ClassifySetup = { ...DEFAULT_SETUP, start: 'shipped:base-test' };

describe('lesson 2 run setup', () => {
  it('sends the choice, rank, read position and data as the classify task, on the start model\'s preset', () => {
    const s = runSettingsFor({ ...setup, choice: 'lora', loraRank: 4, readAt: 'first', steps: 6, batch: 4 }, 'test');
    expect(s).toEqual({ preset: 'test', steps: 6, lr: 1e-3, seed: 1337, batch: 4, task: { kind: 'classify', choice: 'lora', loraRank: 4, readAt: 'first', dataset: 'spam' } });
    expect(classifyTaskOf(s)?.readAt).toBe('first');
    expect(classifyTaskOf({ ...s, task: { kind: 'pretrain' } })).toBeNull();
    expect(classifyTaskOf({ ...s, task: undefined })).toBeNull();
    expect(classifyTaskOf(null)).toBeNull();
  });

  it('is the command-line trainer\'s default recipe, the one the README measures', () => {
    const cli = classifyCli.spec.options;
    expect(DEFAULT_SETUP).toMatchObject({ choice: cli.choice.default, readAt: cli['read-at'].default, batch: cli.batch.default, lr: cli.lr.default, seed: cli.seed.default, loraRank: cli.rank.default });
    // --epochs passes over the training messages of the shipped spam set
    const train = classifyCli.loadSpam(classifyCli.SPAM_DATA).filter((m) => m.split === 'train').length;
    expect(DEFAULT_SETUP.steps).toBe((cli.epochs.default as number) * Math.ceil(train / (cli.batch.default as number)));
  });

  it('names each bad field and accepts the defaults', () => {
    expect(setupErrors(setup)).toEqual({});
    const e = setupErrors({ ...setup, start: '', steps: 2.5, batch: 0, lr: NaN });
    expect(Object.keys(e).sort()).toEqual(['batch', 'lr', 'start', 'steps']);
    expect(setupErrors({ ...setup, lr: 0.5 }).lr).toMatch(/at most 0.1/);
  });
});

describe('lesson 2 formats', () => {
  it('shows fractions as percents, n/a for a class never predicted', () => {
    expect(pct(0.87345)).toBe('87.3%');
    expect(pct(NaN)).toBe('n/a');
    expect(choiceName('lora', 8)).toBe('LoRA r=8 + head');
    expect(choiceName('head')).toBe('Head only');
  });

  it('numbers the runs in order and marks the best test accuracy', () => {
    const rows = runRows([
      { choice: 'head', trainableParams: 66, testAccuracy: 0.7, seconds: 3, finishedAt: 1 },
      { choice: 'last-block', readAt: 'first', trainableParams: 12_834, testAccuracy: 0.9, seconds: 5, finishedAt: 2 },
      { choice: 'lora', loraRank: 4, readAt: 'last', trainableParams: 4162, testAccuracy: 0.9, seconds: 4, finishedAt: 3 },
    ]);
    expect(rows.map((r) => [r.n, r.choice, r.readAt, r.best])).toEqual([
      [1, 'Head only', 'last', false],
      [2, 'Last block + final norm + head', 'first', true],
      [3, 'LoRA r=4 + head', 'last', true],
    ]);
  });

  it('reads the spam probability by class name, not position', () => {
    expect(spamProbability({ text: 'x', classes: ['ham', 'spam'], probs: [0.2, 0.8] })).toBe(0.8);
    expect(spamProbability({ text: 'x', classes: ['spam', 'ham'], probs: [0.3, 0.7] })).toBe(0.3);
    expect(spamProbability({ text: 'x', classes: ['a', 'b'], probs: [0.5, 0.5] })).toBeNaN();
  });
});

describe('the learner\'s messages sent to the engine', () => {
  it('survive a round trip through the loaders, commas, tabs, quotes and newlines included', () => {
    const messages = [
      { label: 'spam' as const, text: 'Subject: WIN, now\nClick "here", or\there' },
      { label: 'ham' as const, text: 'plain' },
    ];
    for (const d of [',', '\t'] as const) {
      const r = parseLabelled(d === ',' ? 'mine.csv' : 'mine.tsv', toDelimited(messages, d), d);
      expect(r.ok).toBe(true);
      if (r.ok) expect(r.value.map((m) => [m.label, m.text])).toEqual(messages.map((m) => [m.label, m.text]));
    }
  });
});

describe('the domain-shift sentence', () => {
  it('names both accuracies and the gap in points, or says there is none', () => {
    expect(domainShiftText(0.952, 0.833)).toBe("Your classifier: 95.2% on the corpus's test messages, 83.3% on everyday ones. It loses 11.9 points on mail unlike its training data: that drop is domain shift.");
    expect(domainShiftText(0.9, 0.95)).toMatch(/does 5\.0 points better on the everyday messages/);
    expect(domainShiftText(0.9, 0.895)).toMatch(/agree within a point/);
  });
});
