/** The training benchmark's pure parts: step planning, batches, and the report's ratios and bar. */
import { describe, expect, it } from 'vitest';
import { barVerdict, baselineRatios, formatTrainReport, ratios } from './train-report.mjs';
import { benchBatch, moreSteps, timeSteps } from './train-steps.ts';

const row = (preset: string, impl: string, tokensPerSec: number) => ({
  preset, impl, detail: impl === 'ours' ? 'blocked_vec4 / thread' : 'TF.js 4.22.0', B: 16, T: 128, params: 1_000_000,
  warmupMs: 1500, msPerStep: (16 * 128 * 1000) / tokensPerSec, steps: 3, tokensPerSec, loss: 6.9,
});

describe('step planning', () => {
  it('fits the budget, keeps at least the first step and at most plan.steps', () => {
    expect(moreSteps(100, { steps: 5, budgetMs: 60_000 })).toBe(4);
    expect(moreSteps(20_000, { steps: 5, budgetMs: 60_000 })).toBe(2);
    expect(moreSteps(90_000, { steps: 5, budgetMs: 60_000 })).toBe(0);
    expect(moreSteps(100, { steps: 1, budgetMs: 60_000 })).toBe(0);
  });

  it('times a warm-up apart and averages the timed steps', async () => {
    let t = 0;
    const calls: [number, number][] = [];
    const cost = [5000, 1000, 1000, 1000]; // the warm-up compiles, later steps cost 1 s each
    const r = await timeSteps(async (n, from) => {
      calls.push([n, from]);
      for (let i = from; i < from + n; i++) t += cost[Math.min(i, 3)];
    }, { steps: 3, budgetMs: 10_000 }, () => t);
    expect(calls).toEqual([[1, 0], [1, 1], [2, 2]]);
    expect(r).toEqual({ warmupMs: 5000, msPerStep: 1000, steps: 3 });
  });
});

describe('benchBatch', () => {
  it('gives targets shifted by one within each row, seeded', () => {
    const a = benchBatch(2, 4, 50, 7);
    expect(a.tokens.length).toBe(8);
    expect(Array.from(a.tokens.subarray(1, 4))).toEqual(Array.from(a.targets.subarray(0, 3)));
    expect(Array.from(a.tokens.subarray(5, 8))).toEqual(Array.from(a.targets.subarray(4, 7)));
    expect(Array.from(benchBatch(2, 4, 50, 7).tokens)).toEqual(Array.from(a.tokens));
    expect(Math.max(...a.tokens, ...a.targets)).toBeLessThan(50);
  });
});

describe('train report', () => {
  const rows = [row('test', 'ours', 1000), row('test', 'tfjs-webgpu', 50), row('test', 'tfjs-wasm', 500), row('small', 'ours', 400), row('small', 'tfjs-webgpu', 100)];

  it('divides our tokens/s by each TF.js backend, NaN where one is missing', () => {
    const r = ratios(rows);
    expect(r.map((x: { preset: string }) => x.preset)).toEqual(['test', 'small']);
    expect(r[0].xWebgpu).toBeCloseTo(20);
    expect(r[0].xWasm).toBeCloseTo(2);
    expect(r[1].xWebgpu).toBeCloseTo(4);
    expect(Number.isNaN(r[1].xWasm)).toBe(true);
  });

  it('judges the bar on small only', () => {
    expect(barVerdict(rows)).toEqual({ met: false, ratio: 4 });
    expect(barVerdict(rows.slice(0, 3))).toBeNull();
    expect(barVerdict([row('small', 'ours', 600), row('small', 'tfjs-webgpu', 100)])?.met).toBe(true);
  });

  it('prints the steps behind each figure, the ratios, the verdict and generation per runtime', () => {
    const { text, markdown } = formatTrainReport({
      node: { adapter: 'swiftshader', train: [row('small', 'ours', 300)], gen: [{ preset: 'small', tokens: 64, ms: 2000, tokensPerSec: 32 }] },
      chromium: { adapter: 'swiftshader', train: rows, gen: [{ preset: 'test', tokens: 31, ms: 310, tokensPerSec: 100 }] },
    });
    expect(text).toContain('ours (blocked_vec4 / thread)');
    expect(markdown).toContain('| small | 400.0 | 100.0 | - | 4.00 | - |');
    expect(text).toContain('Bar (ours >= 5x TF.js-webgpu tokens/s on small, Chromium): NOT met (4.00x)');
    expect(markdown).toContain('| small | 32.0 (64 tokens) | - |');
    expect(markdown).toContain('| test | - | 100.0 (31 tokens) |');
    expect(text).not.toContain('Node (Dawn) on swiftshader: ours vs TF.js');
  });
});

describe('a baseline commit beside this tree', () => {
  it('compares each preset measured on both sides, and tables it', () => {
    const rows = [row('small', 'ours', 600), row('small', 'ours@ce2ac12', 200), row('test', 'ours', 900), row('medium', 'ours@ce2ac12', 50)];
    expect(baselineRatios(rows)).toEqual([{ preset: 'small', base: 'ce2ac12', ours: 600, baseRate: 200, speedup: 3 }]);
    const { markdown } = formatTrainReport({ node: { adapter: 'swiftshader', train: rows, gen: [] } });
    expect(markdown).toContain('this tree vs ce2ac12');
    expect(markdown).toMatch(/\| small \| 200\.0 \| 600\.0 \| 3\.00x \|/);
  });
});
