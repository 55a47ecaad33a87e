import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random.ts';
import { PAIR_BASE, preSplit } from './tokenizer.ts';
import { trainBPE } from './tokenizer-train.ts';

/** Textbook BPE: recount every pair of every word before each merge. Slow, obviously right. */
function naiveBPE(text: string, nMerges: number, minFrequency: number): [number, number][] {
  const counts = new Map<string, number>();
  for (const w of preSplit(text)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts].map(([w, c]) => ({ ids: Array.from(new TextEncoder().encode(w)), c }));
  const merges: [number, number][] = [];
  while (merges.length < nMerges) {
    const pairs = new Map<number, number>();
    for (const { ids, c } of words) for (let i = 0; i + 1 < ids.length; i++) pairs.set(ids[i] * PAIR_BASE + ids[i + 1], (pairs.get(ids[i] * PAIR_BASE + ids[i + 1]) ?? 0) + c);
    const best = [...pairs].sort((x, y) => y[1] - x[1] || x[0] - y[0])[0];
    if (!best || best[1] < minFrequency) break;
    const [a, b] = [Math.floor(best[0] / PAIR_BASE), best[0] % PAIR_BASE];
    const id = 256 + merges.length;
    merges.push([a, b]);
    for (const w of words) {
      const out: number[] = [];
      for (let i = 0; i < w.ids.length; i++) {
        if (i + 1 < w.ids.length && w.ids[i] === a && w.ids[i + 1] === b) {
          out.push(id);
          i++;
        } else out.push(w.ids[i]);
      }
      w.ids = out;
    }
  }
  return merges;
}

/** Pseudo-text with a skewed word distribution, repeated letters (aaa) and multi-byte characters. */
function syntheticText(seed: number, nWords: number): string {
  const rand = mulberry32(seed);
  const syll = ['ka', 'to', 'ri', 'aa', 'na', 'é', 'mü', '日本', 'ss', 'o', '🙂', 'th', 'e'];
  const vocab = Array.from({ length: 300 }, () => Array.from({ length: 1 + Math.floor(rand() * 4) }, () => syll[Math.floor(rand() * syll.length)]).join(''));
  const punct = [' ', ' ', ' ', ', ', '. ', '\n', ' 42 ', "'s "];
  let s = '';
  for (let i = 0; i < nWords; i++) s += vocab[Math.floor(vocab.length * rand() ** 2)] + punct[Math.floor(rand() * punct.length)];
  return s;
}

describe('trainBPE against textbook BPE', () => {
  it('learns exactly the same merges (incremental pair counts are right)', () => {
    const text = syntheticText(11, 4000);
    for (const minFrequency of [1, 2]) {
      const fast = trainBPE(text, { vocabSize: 500, minFrequency });
      const slow = naiveBPE(text, 500 - 258, minFrequency);
      expect(fast.merges).toEqual(slow);
      expect(fast.merges.length).toBeGreaterThan(100);
    }
  });

  it('encodes the training words exactly as training segmented them', () => {
    const text = syntheticText(12, 3000);
    const tok = trainBPE(text, { vocabSize: 400 });
    // Apply the merges in learned order to each word (the training view) and compare with encode.
    for (const w of new Set(preSplit(text))) {
      let ids = Array.from(new TextEncoder().encode(w));
      tok.merges.forEach(([a, b], r) => {
        const out: number[] = [];
        for (let i = 0; i < ids.length; i++) {
          if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
            out.push(256 + r);
            i++;
          } else out.push(ids[i]);
        }
        ids = out;
      });
      expect(tok.encodeWord(w), JSON.stringify(w)).toEqual(ids);
    }
    expect(tok.decode(tok.encode(text))).toBe(text);
  });

  it('treats separate documents as never joined', () => {
    // "ab" inside each document, but "b" + "a" only across the join
    const tok = trainBPE(['ab', 'ab'], { vocabSize: 260, minFrequency: 1 });
    expect(tok.merges).toEqual([[97, 98]]);
  });

  it('learns nothing from special-token strings: they separate documents', () => {
    const tok = trainBPE('ab<|endoftext|>ab<|endoftext|>ab<|pad|>', { vocabSize: 300, minFrequency: 1 });
    expect(tok.merges).toEqual([[97, 98]]);
    expect(tok.encode('x<|endoftext|>', { allowSpecial: true })).toEqual([120, tok.endOfTextId]);
  });
});
