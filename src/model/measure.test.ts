import { describe, expect, it } from 'vitest';
import { estimateRecipeSeconds, type GpuMeasurement } from './measure.ts';

const m: GpuMeasurement = {
  adapter: 'some gpu', isFallback: false, date: '2026-12-03T00:00:00.000Z', matmul: [],
  presets: [{ preset: 'small', batch: 16, T: 128, msPerStep: 50, tokensPerSec: 40960 }],
};

describe('recipe time from a measurement', () => {
  it('is steps times the measured step, scaled by the batch', () => {
    expect(estimateRecipeSeconds(m, { preset: 'small', steps: 300, batch: 16 })).toBeCloseTo(15, 10);
    expect(estimateRecipeSeconds(m, { preset: 'small', steps: 300, batch: 8 })).toBeCloseTo(7.5, 10);
  });

  it('is unknown for a preset that was not measured', () => {
    expect(estimateRecipeSeconds(m, { preset: 'medium', steps: 300, batch: 16 })).toBeNull();
  });
});
