import { describe, expect, it } from 'vitest';
import { bowFeatures, evaluateBow, trainBow } from './bow.ts';

describe('bag-of-n-grams baseline', () => {
  it('lists each token once, and adjacent pairs after the vocabulary only with n = 2', () => {
    expect(bowFeatures([3, 1, 3], 10, 1).sort()).toEqual([1, 3]);
    const two = bowFeatures([3, 1, 3], 10, 2);
    expect(two.filter((i) => i < 10).sort()).toEqual([1, 3]);
    expect(two.filter((i) => i >= 10)).toHaveLength(2); // (3,1) and (1,3) are different pairs
  });

  it('learns a rule that single tokens cannot express but pairs can, and counts the confusion', () => {
    // Class 1 iff token 1 comes right before token 2; both orders use the same tokens.
    const rows = [[1, 2, 0], [2, 1, 0], [0, 1, 2], [0, 2, 1], [1, 2, 3], [2, 1, 3], [3, 1, 2], [3, 2, 1]];
    const labels = [1, 0, 1, 0, 1, 0, 1, 0];
    const opts = { epochs: 200, lr: 0.5, l2: 0, seed: 1 };
    const f1 = rows.map((r) => bowFeatures(r, 4, 1));
    const f2 = rows.map((r) => bowFeatures(r, 4, 2));
    const uni = evaluateBow(trainBow(f1, labels, 4, { ...opts, ngram: 1 }), f1, labels);
    const bi = evaluateBow(trainBow(f2, labels, 4, { ...opts, ngram: 2 }), f2, labels);
    expect(uni.accuracy).toBeLessThanOrEqual(0.75);
    expect(bi.accuracy).toBe(1);
    expect(bi.confusion).toEqual([[4, 0], [0, 4]]);
    expect(bi.loss).toBeLessThan(0.1);
    expect(bi.examples).toBe(8);
  });

  it('refuses labels that do not match the rows', () => {
    expect(() => trainBow([[1]], [0, 1], 4, { ngram: 1, epochs: 1, lr: 0.1, l2: 0, seed: 1 })).toThrow(/1 feature rows but 2 labels/);
  });
});
