import { describe, expect, it } from 'vitest';
import type { SlotInfo } from '../../store/trainingSlice.ts';
import { DEFAULT_BASE, defaultStart, startOptions } from './starts.ts';

const slot = (id: string, o: Partial<SlotInfo> = {}): SlotInfo => ({ id, name: id, savedAt: 0, bytes: 1, step: 10, preset: 'test', auto: false, ...o });

describe('the models a lesson-2 run can start from', () => {
  const slots = [
    slot('autosave:classify', { auto: true, stage: 'classify' }),
    slot('mine-1', { name: 'my base', stage: 'pretrain', preset: 'small', step: 400 }),
    slot('shipped:instruct-small', { shipped: true, stage: 'instruct' }),
    slot('autosave', { auto: true, stage: 'pretrain', step: 120 }),
    slot(DEFAULT_BASE, { name: 'Base model', shipped: true, stage: 'pretrain', preset: 'small' }),
    slot('shipped:base-test', { name: 'Tiny base', shipped: true, stage: 'pretrain' }),
    slot('spam-clf', { stage: 'classify' }),
    slot('old-file'),
  ];

  it('lists shipped bases first, then the learner\'s pretrained checkpoints; never classifiers or instruct models', () => {
    const opts = startOptions(slots);
    expect(opts.map((o) => o.id)).toEqual([DEFAULT_BASE, 'shipped:base-test', 'mine-1', 'autosave', 'old-file']);
    expect(opts.find((o) => o.id === 'autosave')?.name).toMatch(/Your pretraining run \(step 120, test\)/);
    expect(opts.find((o) => o.id === 'mine-1')?.preset).toBe('small');
  });

  it('defaults to the shipped base, else the first option, else nothing', () => {
    expect(defaultStart(startOptions(slots))).toBe(DEFAULT_BASE);
    expect(defaultStart(startOptions(slots.filter((s) => s.id !== DEFAULT_BASE)))).toBe('shipped:base-test');
    expect(defaultStart([])).toBe('');
  });
});
