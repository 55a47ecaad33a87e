/**
 * Training a byte-level BPE vocabulary from text (the lab's own, no library). Owns only the merge
 * search; encoding, decoding and the vocabulary layout are in tokenizer.ts.
 *
 * Why it is fast enough for a few MB in Node: text is pre-split once and only the distinct words
 * are kept, each with its count; pair counts are kept in one map and, after each merge, updated
 * only for the words that contained the merged pair (an index pair -> words finds them).
 *
 * Special-token strings in the text (<|endoftext|> between documents) are boundaries, never
 * learned from: the text between them is trained on as separate documents.
 *
 * Deterministic: the pair merged next is the one with the highest count; ties go to the pair with
 * the smaller left id, then the smaller right id.
 */
import { PAIR_BASE, SPECIAL_PATTERN, Tokenizer, preSplit } from './tokenizer.ts';

/** Options for trainBPE. */
export interface TrainBPEOptions {
  /** tokens in the final vocabulary, the two specials included (default 1024) */
  vocabSize?: number;
  /** stop early when the best pair occurs fewer times than this (default 2) */
  minFrequency?: number;
}

/**
 * Learn merges from `text` (a string, or several documents that are never joined across).
 * The vocabulary is `vocabSize` unless the text runs out of pairs seen `minFrequency` times;
 * then it is smaller, and `tokenizer.vocabSize` says by how much.
 */
export function trainBPE(text: string | readonly string[], opts: TrainBPEOptions = {}): Tokenizer {
  const vocabSize = opts.vocabSize ?? 1024;
  const minFrequency = opts.minFrequency ?? 2;
  if (!Number.isInteger(vocabSize) || vocabSize < 258 || vocabSize > PAIR_BASE) {
    throw new Error(`vocabSize must be an integer from 258 (256 bytes + 2 specials) to ${PAIR_BASE}, got ${vocabSize}`);
  }
  if (!(minFrequency >= 1)) throw new Error(`minFrequency must be at least 1, got ${minFrequency}`);

  // Distinct pre-split words with their counts.
  const counts = new Map<string, number>();
  for (const doc of typeof text === 'string' ? [text] : text) {
    for (const part of doc.split(SPECIAL_PATTERN)) for (const w of preSplit(part)) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  const enc = new TextEncoder();
  const words: number[][] = [];
  const freq: number[] = [];
  for (const [w, c] of counts) {
    words.push(Array.from(enc.encode(w)));
    freq.push(c);
  }

  const pairCount = new Map<number, number>();
  const where = new Map<number, Set<number>>();
  const addPairs = (wi: number, sign: 1 | -1) => {
    const ids = words[wi];
    const f = sign * freq[wi];
    for (let i = 0; i + 1 < ids.length; i++) {
      const key = ids[i] * PAIR_BASE + ids[i + 1];
      const c = (pairCount.get(key) ?? 0) + f;
      if (c === 0) pairCount.delete(key);
      else pairCount.set(key, c);
      if (sign > 0) {
        let s = where.get(key);
        if (!s) where.set(key, (s = new Set()));
        s.add(wi);
      }
    }
  };
  for (let wi = 0; wi < words.length; wi++) addPairs(wi, 1);

  const merges: [number, number][] = [];
  const nMerges = vocabSize - 258;
  while (merges.length < nMerges) {
    let bestKey = -1;
    let bestCount = 0;
    for (const [key, c] of pairCount) {
      if (c > bestCount || (c === bestCount && key < bestKey)) {
        bestCount = c;
        bestKey = key;
      }
    }
    if (bestKey < 0 || bestCount < minFrequency) break;
    const a = Math.floor(bestKey / PAIR_BASE);
    const b = bestKey % PAIR_BASE;
    const id = 256 + merges.length;
    merges.push([a, b]);
    // Only words that held (a, b) change: take their pairs out, merge, put the new pairs back.
    for (const wi of where.get(bestKey) ?? []) {
      const ids = words[wi];
      let found = false;
      for (let i = 0; i + 1 < ids.length && !found; i++) found = ids[i] === a && ids[i + 1] === b;
      if (!found) continue; // stale entry: an earlier merge already used these bytes
      addPairs(wi, -1);
      const merged: number[] = [];
      for (let i = 0; i < ids.length; i++) {
        if (i + 1 < ids.length && ids[i] === a && ids[i + 1] === b) {
          merged.push(id);
          i++;
        } else merged.push(ids[i]);
      }
      words[wi] = merged;
      addPairs(wi, 1);
    }
    where.delete(bestKey);
    pairCount.delete(bestKey);
  }
  return new Tokenizer(merges);
}
