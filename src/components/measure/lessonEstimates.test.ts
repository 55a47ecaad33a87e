import { describe, expect, it } from 'vitest';
import type { GpuMeasurement } from '../../store/api.ts';
import { aboutDuration, estimateWords, lessonRecipes, measurementFile, recipeWords } from './lessonEstimates.ts';

// Limits of a roomy adapter (SwiftShader reports these): every preset fits.
const LIMITS = { maxStorageBufferBindingSize: 2 ** 30, maxBufferSize: 2 ** 30 };

describe('the lessons\' default runs on an adapter', () => {
  it('lesson 1 trains test on a software adapter and small on a GPU; lessons 2 and 3 finetune the small base, lesson 4 the instruct model', () => {
    expect(lessonRecipes(LIMITS, true).map((l) => [l.path, l.recipe])).toEqual([
      ['lesson/pretrain', { preset: 'test', steps: 400, batch: 4 }],
      ['lesson/classify', { preset: 'small', steps: 900, batch: 8 }],
      ['lesson/instruct', { preset: 'small', steps: 300, batch: 16 }],
      // 300 steps of 16 pairs and 8 replay rows: 40 rows a step, and the reference's forward pass as a third more steps
      ['lesson/prefer', { preset: 'small', steps: 400, batch: 40 }],
    ]);
    expect(lessonRecipes(LIMITS, false)[0].recipe).toEqual({ preset: 'small', steps: 400, batch: 16 });
    // an adapter too small for small falls back to test
    expect(lessonRecipes({ maxStorageBufferBindingSize: 4 * 2 ** 20, maxBufferSize: 4 * 2 ** 20 }, false)[0].recipe.preset).toBe('test');
  });
});

describe('how an estimate reads', () => {
  it('rounds the way a person says a duration', () => {
    expect(aboutDuration(0.4)).toBe('under a second');
    expect(aboutDuration(26.9)).toBe('about 27 s');
    expect(aboutDuration(2333)).toBe('about 39 min');
    expect(aboutDuration(5400)).toBe('about 1.5 h');
    expect(recipeWords({ preset: 'small', steps: 1200, batch: 8 }, 128)).toBe('1,200 steps of 8 × 128 tokens on small');
  });

  it('says measured, not measured, or which size is missing', () => {
    expect(estimateWords({ source: 'measured', seconds: 240 }, 'small')).toBe('about 4 min on this GPU (measured)');
    expect(estimateWords({ source: 'none', seconds: null, reason: 'not-measured' }, 'small')).toBe('not measured on this GPU yet');
    expect(estimateWords({ source: 'none', seconds: null, reason: 'preset-not-measured' }, 'medium')).toBe('the medium preset was not measured on this GPU');
  });

  it('downloads the measurement itself with each lesson\'s seconds', () => {
    const m: GpuMeasurement = {
      adapter: 'google swiftshader (software)', isFallback: true, date: '2026-12-03T23:40:00.000Z',
      matmul: [{ variant: 'blocked8_vec4', ms: 1130, gflops: 3.56 }], presets: [{ preset: 'test', batch: 4, T: 32, msPerStep: 67.2, tokensPerSec: 1905 }],
    };
    const file = JSON.parse(measurementFile(m, [{ lesson: 'Lesson 1: Pretraining', recipe: { preset: 'test', steps: 400, batch: 4 }, seconds: 26.88 }, { lesson: 'Lesson 2', recipe: { preset: 'small', steps: 900, batch: 8 }, seconds: null }]));
    expect(file).toMatchObject(m);
    expect(file.lessons).toEqual([
      { lesson: 'Lesson 1: Pretraining', preset: 'test', steps: 400, batch: 4, seconds: 27 },
      { lesson: 'Lesson 2', preset: 'small', steps: 900, batch: 8, seconds: null },
    ]);
  });
});
