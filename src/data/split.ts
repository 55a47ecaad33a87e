/**
 * Reproducible splitting: a seeded shuffle, a stratified train/val/test split, a balanced
 * (undersampled) subset, and a split chosen by hashing an item's key, so the same word or
 * sentence always lands in the same split whatever else is in the set.
 */
import { mulberry32 } from '../util/random.ts';
import type { Split } from './types.ts';

/** FNV-1a 32-bit hash of a string's UTF-16 code units, mixed with a seed. */
export function fnv1a(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** Fractions of items in train, val and test; they sum to 1. */
export type SplitFractions = Record<Split, number>;

/** The split of an item from its key alone: stable whatever the other items are. */
export function hashSplit(key: string, seed: number, f: SplitFractions): Split {
  const u = fnv1a(key, seed) / 4294967296;
  if (u < f.train) return 'train';
  return u < f.train + f.val ? 'val' : 'test';
}

/** Fisher-Yates shuffle of a copy, driven by mulberry32(seed). */
export function seededShuffle<T>(items: readonly T[], seed: number): T[] {
  const a = items.slice();
  const rand = mulberry32(seed);
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/**
 * Split items so each class keeps its share in every split: shuffle each class (seeded), then cut
 * it at the fractions (val and test rounded, train takes the rest).
 */
export function stratifiedSplit<T>(items: readonly T[], classOf: (t: T) => string, f: SplitFractions, seed: number): Record<Split, T[]> {
  const out: Record<Split, T[]> = { train: [], val: [], test: [] };
  const classes = [...new Set(items.map(classOf))].sort();
  classes.forEach((c, ci) => {
    const group = seededShuffle(items.filter((t) => classOf(t) === c), seed + ci);
    const nVal = Math.round(group.length * f.val);
    const nTest = Math.round(group.length * f.test);
    const nTrain = group.length - nVal - nTest;
    out.train.push(...group.slice(0, nTrain));
    out.val.push(...group.slice(nTrain, nTrain + nVal));
    out.test.push(...group.slice(nTrain + nVal));
  });
  return out;
}

/** Undersample every class to the size of the smallest (seeded), keeping the input order. */
export function undersample<T>(items: readonly T[], classOf: (t: T) => string, seed: number): T[] {
  const counts = new Map<string, number>();
  for (const t of items) counts.set(classOf(t), (counts.get(classOf(t)) ?? 0) + 1);
  const n = Math.min(...counts.values());
  const keep = new Set<T>();
  [...counts.keys()].sort().forEach((c, ci) => {
    for (const t of seededShuffle(items.filter((x) => classOf(x) === c), seed + ci).slice(0, n)) keep.add(t);
  });
  return items.filter((t) => keep.has(t));
}
