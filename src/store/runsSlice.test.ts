import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { create } from 'zustand';
import { parameterCount, PRESETS } from '../model/config.ts';
import { memoryStorage } from './persist.ts';
import { classifierParamCounts, createRunsSlice, parseRuns, readAtOf, RUNS_KEY, type RunsSlice } from './runsSlice.ts';

// Lesson 2's extension of the run summaries: the read position and LoRA rank survive a reload,
// and the per-choice parameter counts match the model's table, worked out by hand for `test`.
let storage: ReturnType<typeof memoryStorage>;
beforeEach(() => {
  storage = memoryStorage();
  vi.stubGlobal('localStorage', storage);
});
afterEach(() => vi.unstubAllGlobals());

const runStore = () => create<RunsSlice>()((...a) => createRunsSlice(...a));

describe('classifier run summaries', () => {
  it('keep the read position and LoRA rank across a reload', () => {
    runStore().getState().addClassifierRun({ choice: 'lora', readAt: 'first', loraRank: 4, trainableParams: 4162, testAccuracy: 0.61, seconds: 12, finishedAt: 5 });
    const [r] = runStore().getState().runs.classifier;
    expect(r).toMatchObject({ choice: 'lora', readAt: 'first', loraRank: 4, testAccuracy: 0.61 });
    expect(readAtOf(r)).toBe('first');
  });

  it('read older summaries without a read position as "last" and drop malformed ones', () => {
    const base = { choice: 'head', trainableParams: 66, testAccuracy: 0.5, seconds: 1, finishedAt: 0 };
    storage.setItem(RUNS_KEY, JSON.stringify({ classifier: [base, { ...base, readAt: 'middle' }, { ...base, loraRank: 0 }, { ...base, readAt: 'first' }] }));
    const r = parseRuns(JSON.parse(storage.getItem(RUNS_KEY)!))!;
    expect(r.classifier).toHaveLength(2);
    expect(r.classifier.map(readAtOf)).toEqual(['last', 'first']);
  });
});

describe('classifierParamCounts', () => {
  // test preset: C = 32, L = 2, V = 1024, T = 32. One block holds 12·C² + 13·C = 12,704 numbers;
  // the 2-class head 2·C + 2 = 66; the final LayerNorm 2·C = 64.
  const total = 1024 * 32 + 32 * 32 + 2 * 12_704 + 64 + 66;

  it('counts what each choice trains', () => {
    expect(classifierParamCounts('test', 'head')).toEqual({ trainable: 66, total });
    expect(classifierParamCounts('test', 'last-block')).toEqual({ trainable: 66 + 12_704 + 64, total });
    expect(classifierParamCounts('test', 'all')).toEqual({ trainable: total, total });
    // LoRA rank 4 per block: r·(C+3C) + r·(C+C) + r·(C+4C) + r·(4C+C) = 4·(128+64+160+160) = 2,048.
    expect(classifierParamCounts('test', 'lora', 4)).toEqual({ trainable: 2 * 2048 + 66, total: total + 2 * 2048 });
  });

  it('agrees with the language model size plus the head, for every preset', () => {
    for (const p of PRESETS) {
      const all = classifierParamCounts(p.id, 'all')!;
      expect(all.total).toBe(parameterCount(p.config) + 2 * p.config.nEmbd + 2);
      expect(classifierParamCounts(p.id, 'head')!.trainable).toBeLessThan(classifierParamCounts(p.id, 'lora', 8)!.trainable);
    }
    expect(classifierParamCounts('nope', 'head')).toBeUndefined();
  });
});

describe('instruction-tuning run summaries', () => {
  const run = { masked: true, lora: true, loraRank: 4, steps: 40, formatAdherence: 0.75, baseFormatAdherence: 0.1, finishedAt: 9, preset: 'test', parent: 'shipped:base-test', families: [{ family: 'define', correct: 1, total: 4 }] };

  it('keep LoRA rank, per-family scores, the base score and the lineage across a reload', () => {
    runStore().getState().addInstructRun(run);
    expect(runStore().getState().runs.instruct).toEqual([run]);
  });

  it('read older summaries without the lesson-3 fields and drop malformed ones', () => {
    const old = { masked: false, lora: false, steps: 10, formatAdherence: 0.2, finishedAt: 1 };
    const bad = [{ ...run, families: [{ family: 'define', correct: 5, total: 4 }] }, { ...run, loraRank: 0 }, { ...run, baseFormatAdherence: 1.5 }];
    storage.setItem(RUNS_KEY, JSON.stringify({ classifier: [], instruct: [old, ...bad, run] }));
    expect(parseRuns(JSON.parse(storage.getItem(RUNS_KEY)!))!.instruct).toEqual([old, run]);
  });
});
