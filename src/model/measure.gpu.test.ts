import { describe, expect, it } from 'vitest';
import { getTestDevice } from '../../test/gpu.ts';
import { getHarness } from '../../test/kernel-harness.ts';
import { estimateRecipeSeconds, measureGpu } from './measure.ts';

describe('measureGpu on this adapter', () => {
  it('times a matmul variant and the test preset steps, and the estimate follows the step time', async () => {
    const h = await getHarness();
    const { report } = await getTestDevice();
    // One variant: on SwiftShader each takes seconds on the base model's products.
    const progress: { done: number; total: number; what: string }[] = [];
    const m = await measureGpu(h.cache, report, { presets: ['test'], steps: 1, variants: ['blocked8_vec4'], onProgress: (p) => progress.push(p) });
    // the progress counts the work in GFLOP: the variant twice, then two steps of the test preset, and ends at its total
    expect(progress.map((p) => p.what)).toEqual(['matmul blocked8_vec4', 'test training steps', 'test training steps', 'done']);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));
    expect(progress[1].done).toBeCloseTo((2 * (3 * 2 * 2048 * 128 * (384 + 128 + 512 + 1024) + 3 * 2 * 2048 * 512 * 128)) / 1e9, 9);
    expect(progress.at(-1)!.done).toBeCloseTo(progress[0].total, 9);
    expect(m.matmul.map((x) => x.variant)).toEqual(['blocked8_vec4']);
    for (const x of m.matmul) {
      expect(x.ms).toBeGreaterThan(0);
      expect(x.gflops).toBeCloseTo((3 * 2 * 2048 * 128 * (384 + 128 + 512 + 1024) + 3 * 2 * 2048 * 512 * 128) / x.ms / 1e6, 6);
    }
    expect(m.presets).toHaveLength(1);
    const t = m.presets[0];
    expect(t).toMatchObject({ preset: 'test', batch: 4, T: 32 });
    expect(t.tokensPerSec).toBeCloseTo((4 * 32 * 1000) / t.msPerStep, 6);
    expect(estimateRecipeSeconds(m, { preset: 'test', steps: 100, batch: 4 })).toBeCloseTo((100 * t.msPerStep) / 1000, 6);
    expect(JSON.parse(JSON.stringify(m))).toEqual(m); // downloadable as JSON
  });
});
