import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random.ts';
import { sampleLogits, samplingDistribution } from './sampling.ts';

const P = [0.1, 0.4, 0.05, 0.3, 0.15]; // a known distribution; logits = log P
const logits = P.map(Math.log);

describe('sampling distribution', () => {
  it('is the softmax at temperature 1', () => {
    const { probs, kept } = samplingDistribution(logits);
    P.forEach((p, i) => expect(probs[i]).toBeCloseTo(p, 12));
    expect(kept).toEqual([1, 3, 4, 0, 2]);
  });

  it('temperature sharpens below 1 and flattens above', () => {
    const cold = samplingDistribution(logits, { temperature: 0.5 }).probs;
    // p^2 renormalized
    const z = P.reduce((s, p) => s + p * p, 0);
    P.forEach((p, i) => expect(cold[i]).toBeCloseTo((p * p) / z, 12));
    expect(cold[1]).toBeGreaterThan(0.4);
    const hot = samplingDistribution(logits, { temperature: 100 }).probs;
    hot.forEach((p) => expect(p).toBeCloseTo(0.2, 2));
  });

  it('top-k keeps the k most likely, renormalized', () => {
    const { probs, kept } = samplingDistribution(logits, { topK: 2 });
    expect(kept).toEqual([1, 3]);
    expect(probs[1]).toBeCloseTo(0.4 / 0.7, 12);
    expect(probs[3]).toBeCloseTo(0.3 / 0.7, 12);
    expect(probs[0] + probs[2] + probs[4]).toBe(0);
  });

  it('top-p keeps the smallest set whose mass reaches p', () => {
    expect(samplingDistribution(logits, { topP: 0.7 }).kept).toEqual([1, 3]); // 0.4 + 0.3 = 0.7 exactly
    expect(samplingDistribution(logits, { topP: 0.71 }).kept).toEqual([1, 3, 4]);
    expect(samplingDistribution(logits, { topP: 0.3 }).kept).toEqual([1]);
    const { probs } = samplingDistribution(logits, { topP: 0.8 });
    expect(probs[4]).toBeCloseTo(0.15 / 0.85, 12);
    // applied after top-k: of {1, 3}, 0.6 of their mass needs both
    expect(samplingDistribution(logits, { topK: 2, topP: 0.6 }).kept).toEqual([1, 3]);
    expect(samplingDistribution(logits, { topK: 2, topP: 0.5 }).kept).toEqual([1]);
  });

  it('never keeps excluded tokens and rejects broken logits', () => {
    const { probs } = samplingDistribution(logits, { exclude: [1] });
    expect(probs[1]).toBe(0);
    expect(probs[3]).toBeCloseTo(0.3 / 0.6, 12);
    expect(() => samplingDistribution([0, NaN])).toThrow('logits[1] is NaN');
    expect(() => samplingDistribution([-Infinity, 0], { exclude: [1] })).toThrow(/no token can be chosen/);
    expect(() => samplingDistribution(logits, { topP: 0 })).toThrow('topP must be in (0, 1]');
    expect(() => samplingDistribution(logits, { temperature: -1 })).toThrow('temperature must be >= 0');
  });

  it('survives huge logits (max subtraction)', () => {
    const { probs } = samplingDistribution([1000, 1000 + Math.log(3)]);
    expect(probs[1]).toBeCloseTo(0.75, 12);
  });
});

describe('sampleLogits', () => {
  it('is greedy at temperature 0 and with top-k = 1, whatever the generator says', () => {
    const rand = mulberry32(1);
    for (let i = 0; i < 20; i++) {
      expect(sampleLogits(logits, rand, { temperature: 0 }).token).toBe(1);
      expect(sampleLogits(logits, rand, { topK: 1 }).token).toBe(1);
    }
    const r = sampleLogits(logits, rand, { temperature: 0, showTop: 3 });
    expect(r.prob).toBeCloseTo(0.4, 12);
    expect(r.top.map((c) => c.token)).toEqual([1, 3, 4]);
    expect(r.top[2].prob).toBeCloseTo(0.15, 12);
  });

  it('draws with the right frequencies', () => {
    const rand = mulberry32(42);
    const N = 40000;
    const counts = new Array(5).fill(0);
    for (let i = 0; i < N; i++) counts[sampleLogits(logits, rand).token]++;
    // binomial standard deviation is at most sqrt(0.25 / N) = 0.0025; allow 4 of them
    P.forEach((p, i) => expect(Math.abs(counts[i] / N - p)).toBeLessThan(0.01));
    const cut = new Array(5).fill(0);
    for (let i = 0; i < N; i++) cut[sampleLogits(logits, rand, { topP: 0.8 }).token]++;
    expect(cut[0] + cut[2]).toBe(0);
    expect(Math.abs(cut[4] / N - 0.15 / 0.85)).toBeLessThan(0.01);
  });

  it('replays the same tokens from the same seed, and differs with another seed', () => {
    const draw = (seed: number) => {
      const rand = mulberry32(seed);
      return Array.from({ length: 50 }, () => sampleLogits(logits, rand, { temperature: 1.3, topK: 4 }).token);
    };
    expect(draw(7)).toEqual(draw(7));
    expect(draw(7)).not.toEqual(draw(8));
    expect(draw(7)).not.toContain(2); // the least likely token is outside top-4
  });
});
