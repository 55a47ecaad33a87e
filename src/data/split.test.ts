// Reproducible splits: same seed same result, class shares kept, undersampling balanced,
// hash splits close to the asked fractions.
import { describe, expect, it } from 'vitest';
import { hashSplit, seededShuffle, stratifiedSplit, undersample } from './split.ts';

const items = Array.from({ length: 1000 }, (_, i) => ({ id: i, cls: i % 4 === 0 ? 'spam' : 'ham' }));
const f = { train: 0.7, val: 0.1, test: 0.2 };

describe('splits', () => {
  it('seededShuffle is a permutation, repeatable, and changes with the seed', () => {
    const a = seededShuffle(items, 1).map((x) => x.id);
    expect(a).toEqual(seededShuffle(items, 1).map((x) => x.id));
    expect(a).not.toEqual(seededShuffle(items, 2).map((x) => x.id));
    expect([...a].sort((x, y) => x - y)).toEqual(items.map((x) => x.id));
  });

  it('stratifiedSplit keeps each class 70/10/20 and uses every item once', () => {
    const s = stratifiedSplit(items, (x) => x.cls, f, 5);
    expect(s.train.length + s.val.length + s.test.length).toBe(1000);
    expect(new Set([...s.train, ...s.val, ...s.test]).size).toBe(1000);
    expect(s.test.filter((x) => x.cls === 'spam').length).toBe(50);
    expect(s.test.filter((x) => x.cls === 'ham').length).toBe(150);
    expect(s.val.filter((x) => x.cls === 'spam').length).toBe(25);
  });

  it('undersample leaves equal classes of the smaller size', () => {
    const u = undersample(items, (x) => x.cls, 3);
    expect(u.filter((x) => x.cls === 'spam').length).toBe(250);
    expect(u.filter((x) => x.cls === 'ham').length).toBe(250);
  });

  it('hashSplit is a function of the key and near its fractions', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `w:${i}`);
    const counts = { train: 0, val: 0, test: 0 };
    for (const k of keys) counts[hashSplit(k, 9, f)]++;
    expect(counts.train / 5000).toBeCloseTo(0.7, 1);
    expect(counts.test / 5000).toBeCloseTo(0.2, 1);
    expect(hashSplit('w:dog', 9, f)).toBe(hashSplit('w:dog', 9, f));
  });
});
