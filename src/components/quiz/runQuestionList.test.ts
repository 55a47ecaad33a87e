import { beforeEach, describe, expect, it } from 'vitest';
import { useLab } from '../../store/index.ts';
import { runQuestionsFor } from './runQuestionList.ts';

describe('run questions from the store', () => {
  beforeEach(() => useLab.getState().clearRuns());

  it('shows none while the learner has no finished run', () => {
    expect(runQuestionsFor(useLab.getState())).toEqual([]);
  });

  it('shows the classifier question once a fake run is in the store, with its numbers', () => {
    useLab.getState().addClassifierRun({ choice: 'last-block', trainableParams: 120_000, testAccuracy: 0.875, seconds: 64, finishedAt: 1 });
    const qs = runQuestionsFor(useLab.getState());
    expect(qs.map((q) => q.question.id)).toEqual(['run-classifier-head-only']);
    expect(qs[0].prompt).toContain('the last transformer block and the head trainable');
    expect(qs[0].prompt).toContain('87.5% test accuracy with 120,000 trainable parameters in 1 min 4 s');
    expect(qs[0].question.tryPath).toBe('lesson/classify');
  });

  it('adds the instruct question when an instruct run arrives, and drops both on clear', () => {
    useLab.getState().addClassifierRun({ choice: 'head', trainableParams: 1538, testAccuracy: 0.8, seconds: 20, finishedAt: 1 });
    useLab.getState().addInstructRun({ masked: false, lora: true, steps: 250, formatAdherence: 0.9, finishedAt: 2 });
    expect(runQuestionsFor(useLab.getState()).map((q) => q.question.id)).toEqual(['run-classifier-unfreeze', 'run-instruct-mask']);
    useLab.getState().clearRuns();
    expect(runQuestionsFor(useLab.getState())).toEqual([]);
  });
});
