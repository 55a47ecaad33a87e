import { describe, expect, it } from 'vitest';
import { learningRate } from '../train/schedule.ts';
import type { RunSettings } from './protocol.ts';
import { checkSettings, readRunInfo, runInfo, SAVED_POINTS, trainSettings } from './settings.ts';

const s: RunSettings = { preset: 'test', steps: 200, lr: 3e-3, seed: 5, batch: 4 };

describe('run settings', () => {
  it('become trainer settings: warm-up then cosine to lr/10, frequent read-backs on short runs', () => {
    const t = trainSettings(s);
    expect(t.steps).toBe(200);
    expect(t.seed).toBe(5);
    expect(t.logEvery).toBe(2);
    expect(t.evalEvery % t.logEvery).toBe(0);
    expect(learningRate(t.schedule.warmupSteps, t.schedule)).toBeCloseTo(3e-3, 10);
    expect(learningRate(200, t.schedule)).toBeCloseTo(3e-4, 10);
    expect(trainSettings({ ...s, steps: 5000 }).logEvery).toBe(10);
  });

  it('are checked field by field', () => {
    expect(() => checkSettings(s)).not.toThrow();
    expect(() => checkSettings({ ...s, steps: 0 })).toThrow(/steps/);
    expect(() => checkSettings({ ...s, lr: 2 })).toThrow(/learning rate/);
    expect(() => checkSettings({ ...s, batch: 1.5 })).toThrow(/batch/);
    expect(() => checkSettings({ ...s, preset: 'huge' as RunSettings['preset'] })).toThrow(/unknown preset "huge"/);
  });

  it('round-trip through a checkpoint info, thinned, and cut back to the saved step', () => {
    const metrics = Array.from({ length: 1000 }, (_, i) => ({ step: i + 1, tokens: (i + 1) * 128, loss: 7 - i / 1000, lr: 1e-3, tokensPerSec: 1, msPerStep: 1 }));
    const long = { ...s, steps: 2000 };
    const info = runInfo(long, 1000, 128_000, metrics, [{ step: 500, tokens: 64_000, valLoss: 6 }]);
    expect(info.metrics.length).toBeLessThanOrEqual(SAVED_POINTS);
    expect(info.metrics.at(-1)?.step).toBe(1000);
    const back = readRunInfo(JSON.parse(JSON.stringify(info)), 400, { ...s, preset: 'small' });
    expect(back.settings).toEqual(long);
    expect(back.tokensSeen).toBe(128_000);
    expect(back.metrics.every((p) => p.step <= 400)).toBe(true);
    expect(back.evals).toEqual([]);
  });

  it('fill what a file from the command line lacks from the fallback', () => {
    const back = readRunInfo({ stage: 'pretrain', steps: 300, tokensSeen: 9, preset: 'small', batch: 16, seed: 42 }, 300, s);
    expect(back.settings).toEqual({ ...s, steps: 300, preset: 'small', batch: 16, seed: 42 });
    expect(back.tokensSeen).toBe(9);
    expect(back.metrics).toEqual([]);
  });
});
