import { describe, expect, it } from 'vitest';
import { PRESETS } from './config.ts';
import { matmulGflop, measureWorkGflop, stepGflop } from './estimate.ts';
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

describe('the work a measurement does', () => {
  it('counts a step of the test preset by hand: two blocks of four matmuls and attention, and the LM head, times 6 flops per multiply-add pass', () => {
    const BT = 4 * 32;
    const block = 6 * BT * 32 * (96 + 32 + 128) + 6 * BT * 128 * 32 + 12 * BT * 32 * 32;
    expect(stepGflop(PRESETS.find((p) => p.id === 'test')!)).toBeCloseTo((2 * block + 6 * BT * 32 * 1024) / 1e9, 12);
    expect(stepGflop(PRESETS.find((p) => p.id === 'test')!)).toBeCloseTo(0.04718592, 12);
  });

  it('adds each variant twice and each preset\'s untimed and timed steps', () => {
    const mm = (3 * 2 * 2048 * 128 * (384 + 128 + 512 + 1024) + 3 * 2 * 2048 * 512 * 128) / 1e9;
    expect(matmulGflop()).toBeCloseTo(mm, 12);
    const test = stepGflop(PRESETS.find((p) => p.id === 'test')!);
    expect(measureWorkGflop({ variants: ['tiled'], presets: ['test'], steps: 3 })).toBeCloseTo(2 * mm + 4 * test, 12);
    const small = stepGflop(PRESETS.find((p) => p.id === 'small')!);
    expect(measureWorkGflop()).toBeCloseTo(3 * 2 * mm + 3 * test + 3 * small, 12);
  });
});
