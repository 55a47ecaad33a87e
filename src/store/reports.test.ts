import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClassReport, RunReport, RunSettings } from '../worker/protocol.ts';
import { applyWorkerEvent } from './bridge.ts';
import { useLab } from './index.ts';
import { memoryStorage } from './persist.ts';
import { classifierSummary, fileReport } from './reports.ts';
import { EMPTY_RUNS } from './runsSlice.ts';

// A finished run reaches the runs table one way: the worker's 'run-report', filed by the store.
// What lesson 2's page used to decide by watching the run (lifecycle.ts) now follows from the report.
beforeEach(() => {
  vi.stubGlobal('localStorage', memoryStorage());
  useLab.setState({ runs: EMPTY_RUNS, reports: {} });
});
afterEach(() => vi.unstubAllGlobals());

const task = { kind: 'classify' as const, choice: 'head' as const, loraRank: 8, readAt: 'last' as const, dataset: 'spam' as const };
const settings: RunSettings = { preset: 'test', steps: 6, lr: 1e-3, seed: 1337, batch: 4, task };
const test: ClassReport = { split: 'test', classes: ['ham', 'spam'], n: 700, accuracy: 0.9, confusion: [[330, 20], [50, 300]], perClass: [], trainableParams: 66, totalParams: 1000, seconds: 41.5 };
const classify = (o: Partial<ClassReport> = {}): RunReport => ({ kind: 'classify', settings, step: 6, seconds: 41, params: { trainable: 66, total: 1000 }, test: { ...test, ...o }, everyday: null });
const report = (r: RunReport, restored = false) => applyWorkerEvent({ type: 'run-report', report: r, restored });

describe('finished runs filed by the store', () => {
  it('files a classifier\'s row once, from its own report, and shows the report', () => {
    report(classify());
    expect(useLab.getState().runs.classifier).toHaveLength(1);
    expect(useLab.getState().runs.classifier[0]).toMatchObject({ choice: 'head', readAt: 'last', trainableParams: 66, testAccuracy: 0.9 });
    expect(useLab.getState().reports.classify).toMatchObject({ kind: 'classify', test: { accuracy: 0.9 } });
  });

  it('shows (and does not file again) the report of a finished run brought back by a reload', () => {
    report(classify());
    report(classify({ accuracy: 0.91 }), true);
    expect(useLab.getState().runs.classifier).toHaveLength(1);
    expect(useLab.getState().reports.classify).toMatchObject({ test: { accuracy: 0.91 } });
  });

  it('a second run begins afresh and gets its own row; its start drops the old report of its kind only', () => {
    report(classify());
    report({ kind: 'pretrain', settings: { ...settings, task: undefined }, step: 9, seconds: 3, loss: 5, valLoss: 5.5 });
    applyWorkerEvent({ type: 'run-state', state: { status: 'loading', settings, step: 0, tokens: 0 } });
    expect(useLab.getState().reports.classify).toBeUndefined();
    expect(useLab.getState().reports.pretrain).toMatchObject({ loss: 5 });
    report(classify({ accuracy: 0.8 }));
    expect(useLab.getState().runs.classifier.map((r) => r.testAccuracy)).toEqual([0.9, 0.8]);
  });

  it('files no row for pretraining, nor for an instruction run that was not scored', () => {
    const pre = fileReport(EMPTY_RUNS, { kind: 'pretrain', settings: { ...settings, task: undefined }, step: 9, seconds: 3, loss: 5, valLoss: null }, 1, 20);
    expect(pre).toBe(EMPTY_RUNS);
    const itask = { kind: 'instruct' as const, maskPrompt: true, lora: true, loraRank: 4, dataset: 'instruct' as const };
    const unscored: RunReport = { kind: 'instruct', settings: { ...settings, task: itask }, step: 12, seconds: 3, scores: null, baseScores: null };
    expect(fileReport(EMPTY_RUNS, unscored, 1, 20)).toBe(EMPTY_RUNS);
    const scores = { n: 10, formatAdherence: 0.7, families: [{ family: 'define', correct: 1, total: 2 }] } as never;
    const scored = fileReport(EMPTY_RUNS, { ...unscored, parent: 'shipped:base-test', scores, baseScores: { ...(scores as object), formatAdherence: 0.1 } as never }, 5, 20);
    expect(scored.instruct).toEqual([{ masked: true, lora: true, loraRank: 4, steps: 12, formatAdherence: 0.7, families: [{ family: 'define', correct: 1, total: 2 }], baseFormatAdherence: 0.1, preset: 'test', parent: 'shipped:base-test', finishedAt: 5 }]);
  });

  it('files the everyday split beside the test split when the run measured it', () => {
    report({ ...classify(), everyday: { ...test, split: 'everyday', n: 49, mine: 1, accuracy: 0.75 } } as RunReport);
    expect(useLab.getState().runs.classifier[0]).toMatchObject({ testAccuracy: 0.9, everydayAccuracy: 0.75, everydayN: 49 });
  });

  it('builds the table row from the task and the report', () => {
    const lora = { ...task, choice: 'lora' as const, loraRank: 4, readAt: 'first' as const };
    const r = { ...test, trainableParams: 4162 };
    expect(classifierSummary(lora, r, null, { trainable: 1, total: 2 }, 99)).toEqual({ choice: 'lora', readAt: 'first', loraRank: 4, trainableParams: 4162, testAccuracy: 0.9, seconds: 41.5, finishedAt: 99 });
    expect(classifierSummary({ ...lora, choice: 'head' }, { ...r, trainableParams: null }, null, { trainable: 66, total: 2 }, 1)).toMatchObject({ choice: 'head', loraRank: undefined, trainableParams: 66 });
  });
});
