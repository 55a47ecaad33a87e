import { describe, expect, it } from 'vitest';
import { FLASHCARDS } from './cards.ts';
import { shuffled } from './order.ts';

describe('flashcards data', () => {
  it('has the ten stage topics and the lab terms, with unique ids', () => {
    const ids = FLASHCARDS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(FLASHCARDS.filter((c) => c.topic === 'stages')).toHaveLength(10);
    for (const id of ['base-model', 'instruct-model', 'sft-objective', 'sft-teaches', 'volume-drop', 'lora', 'peft', 'sft-limit', 'correct-on-average', 'takeaway', 'loss-mask', 'classification-head', 'tokens', 'perplexity']) {
      expect(ids).toContain(id);
    }
    for (const c of FLASHCARDS) {
      expect(c.front.endsWith('?'), c.id).toBe(true);
      expect(c.back.length, c.id).toBeGreaterThan(40);
    }
  });
});

describe('shuffled', () => {
  const items = Array.from({ length: 14 }, (_, i) => i);

  it('keeps deck order without a seed', () => {
    expect(shuffled(items, null)).toEqual(items);
  });

  it('is a permutation, the same for the same seed, different for another', () => {
    const a = shuffled(items, 42);
    expect(a.slice().sort((x, y) => x - y)).toEqual(items);
    expect(a).not.toEqual(items);
    expect(shuffled(items, 42)).toEqual(a);
    expect(shuffled(items, 43)).not.toEqual(a);
    expect(items).toEqual(Array.from({ length: 14 }, (_, i) => i)); // input untouched
  });

  it('puts every item in every position about equally often', () => {
    const counts = Array.from({ length: 4 }, () => [0, 0, 0, 0]);
    const n = 4000;
    for (let s = 0; s < n; s++) shuffled([0, 1, 2, 3], s).forEach((v, pos) => counts[v][pos]++);
    for (const row of counts) for (const c of row) expect(Math.abs(c / n - 0.25)).toBeLessThan(0.04);
  });
});
