import { describe, expect, it } from 'vitest';
import type { RunState } from '../../store/trainingSlice.ts';
import { FRESH_WATCH, onRunChange, summaryOf, type RunWatch } from './lifecycle.ts';
import { runSettingsFor, DEFAULT_SETUP, taskOf } from './setup.ts';

const settings = runSettingsFor({ ...DEFAULT_SETUP, start: 'shipped:base-test', choice: 'head', steps: 6 }, 'test');
const at = (status: RunState['status'], s = settings): RunState => ({ status, settings: s, step: 0, tokens: 0 });

function walk(states: RunState[], w: RunWatch = FRESH_WATCH) {
  const out: string[] = [];
  for (const r of states) {
    const c = onRunChange(w, r);
    w = c.watch;
    if (c.began) out.push('began');
    if (c.finished) out.push(c.finished.how);
  }
  return out;
}

describe('lesson 2 run lifecycle', () => {
  it('awaits the engine\'s own report, once, for a run it saw train', () => {
    expect(walk([at('loading'), at('training'), at('training'), at('done'), at('done')])).toEqual(['began', 'await']);
  });

  it('asks for (and does not record) the report of a finished run brought back by a reload', () => {
    expect(walk([at('done'), at('done')])).toEqual(['ask']);
  });

  it('a restored paused run that resumes and finishes is recorded', () => {
    expect(walk([at('paused'), at('training'), at('paused'), at('training'), at('done')])).toEqual(['began', 'await']);
  });

  it('a second run begins afresh and gets its own report', () => {
    expect(walk([at('training'), at('done'), at('loading'), at('training'), at('paused'), at('training'), at('done')])).toEqual(['began', 'await', 'began', 'await']);
  });

  it('ignores pretraining and instruction runs', () => {
    expect(walk([at('training', { ...settings, task: { kind: 'pretrain' } }), at('done', { ...settings, task: undefined })])).toEqual([]);
  });

  it('builds the table row from the task and the report', () => {
    const task = taskOf({ ...DEFAULT_SETUP, start: 'x', choice: 'lora', loraRank: 4, readAt: 'first' });
    const report = { split: 'test' as const, classes: ['ham', 'spam'], n: 700, accuracy: 0.9, confusion: [[330, 20], [50, 300]], perClass: [], trainableParams: 4162, seconds: 41.5 };
    expect(summaryOf(task, report, { trainable: 1, total: 2 }, 99)).toEqual({ choice: 'lora', readAt: 'first', loraRank: 4, trainableParams: 4162, testAccuracy: 0.9, seconds: 41.5, finishedAt: 99 });
    expect(summaryOf({ ...task, choice: 'head' }, { ...report, trainableParams: null }, { trainable: 66, total: 2 }, 1)).toMatchObject({ choice: 'head', loraRank: undefined, trainableParams: 66 });
  });
});
