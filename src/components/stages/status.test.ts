// The overview's status lines: nothing done means "not trained"; a current run, a saved
// checkpoint or a finished-run summary each make a stage trained, and only its own stage.
import { describe, expect, it } from 'vitest';
import { EMPTY_RUNS } from '../../store/runsSlice.ts';
import type { SlotInfo } from '../../store/trainingSlice.ts';
import { stageStatus, type StatusInput } from './status.ts';

const idle: StatusInput = { run: { status: 'idle', settings: null, step: 0, tokens: 0 }, lastMetric: null, evals: [], runs: EMPTY_RUNS, slots: [] };
const shipped: SlotInfo = { id: 'shipped:base-test', name: 'b', savedAt: 0, bytes: 1, step: 300, preset: 'test', auto: false, shipped: true, stage: 'pretrain' };

describe('stageStatus', () => {
  it('is not trained with nothing done (shipped checkpoints are not the learner\'s)', () => {
    for (const k of ['pretrain', 'classify', 'instruct'] as const) expect(stageStatus(k, { ...idle, slots: [shipped] })).toEqual({ trained: false, facts: [] });
  });

  it('reports the current instruct run with its last losses, and the finished run with its scores', () => {
    const s: StatusInput = {
      ...idle,
      run: { status: 'done', step: 40, tokens: 5000, settings: { preset: 'test', steps: 40, lr: 1e-3, seed: 1, batch: 4, task: { kind: 'instruct', maskPrompt: true, lora: false, loraRank: 4, dataset: 'instruct' } } },
      lastMetric: { step: 40, tokens: 5000, loss: 2.5, lr: 1e-4, tokensPerSec: 100, msPerStep: 50 },
      evals: [{ step: 40, tokens: 5000, valLoss: 2.75 }],
      runs: { classifier: [], instruct: [{ masked: true, lora: false, steps: 40, formatAdherence: 0.5, baseFormatAdherence: 0.1, finishedAt: 1, families: [{ family: 'define', correct: 1, total: 2 }] }] },
    };
    const st = stageStatus('instruct', s);
    expect(st.trained).toBe(true);
    expect(st.facts).toEqual([
      'current run: step 40 of 40, last training loss 2.500 nats (done)',
      'last validation loss 2.750 nats',
      'last finished run (40 steps, prompt masked): format adherence 50% (base 10%)',
      'answers accepted: define 1/2',
    ]);
    expect(stageStatus('pretrain', s).trained).toBe(false);
    expect(stageStatus('classify', s).trained).toBe(false);
  });

  it('counts the learner\'s saved checkpoints by stage (unknown stage = pretraining)', () => {
    const mine: SlotInfo = { ...shipped, id: 'a', shipped: false, stage: undefined, step: 120, savedAt: 5 };
    const st = stageStatus('pretrain', { ...idle, slots: [shipped, mine] });
    expect(st).toEqual({ trained: true, facts: ['1 saved checkpoint, latest at step 120'] });
  });
});
