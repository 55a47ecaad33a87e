import { describe, expect, it } from 'vitest';
import { learningRate, validateSchedule, type LRSchedule } from './schedule.ts';

const s: LRSchedule = { maxLr: 6e-4, minLr: 6e-5, warmupSteps: 10, totalSteps: 110 };

describe('learning-rate schedule', () => {
  it('warms up linearly from maxLr/warmup to maxLr', () => {
    expect(learningRate(0, s)).toBeCloseTo(6e-5, 12);
    expect(learningRate(4, s)).toBeCloseTo(3e-4, 12);
    expect(learningRate(9, s)).toBeCloseTo(6e-4, 12);
  });

  it('decays along a cosine: peak, midpoint, quarter points, floor', () => {
    expect(learningRate(10, s)).toBeCloseTo(6e-4, 12);
    expect(learningRate(60, s)).toBeCloseTo(3.3e-4, 12); // halfway: mean of max and min
    // a quarter of the way: min + (max - min) * (1 + cos(pi/4)) / 2
    expect(learningRate(35, s)).toBeCloseTo(6e-5 + 5.4e-4 * 0.8535533905932737, 12);
    expect(learningRate(85, s)).toBeCloseTo(6e-5 + 5.4e-4 * 0.14644660940672627, 12);
    expect(learningRate(110, s)).toBe(6e-5);
    expect(learningRate(5000, s)).toBe(6e-5);
  });

  it('never increases after warm-up', () => {
    for (let t = 10; t < 120; t++) expect(learningRate(t + 1, s)).toBeLessThanOrEqual(learningRate(t, s));
  });

  it('with no warm-up starts at the peak', () => {
    expect(learningRate(0, { ...s, warmupSteps: 0 })).toBe(6e-4);
  });

  it('names the bad field', () => {
    expect(() => validateSchedule(s)).not.toThrow();
    expect(() => validateSchedule({ ...s, minLr: 1 })).toThrow('LRSchedule.minLr must be in [0, maxLr], got 1');
    expect(() => validateSchedule({ ...s, totalSteps: 5 })).toThrow('LRSchedule.totalSteps must be an integer >= warmupSteps (10), got 5');
    expect(() => validateSchedule({ ...s, maxLr: 0 })).toThrow('LRSchedule.maxLr must be positive');
    expect(() => validateSchedule({ ...s, warmupSteps: 1.5 })).toThrow('LRSchedule.warmupSteps');
  });
});
