/**
 * The instruction set: Alpaca-style records in ten task families, every answer read off a real
 * source (WordNet definitions, synonyms, antonyms, hypernyms and example sentences; spam-set
 * labels; mechanical transformations of Brown sentences). Items (words, sentences, messages)
 * are assigned to one split each, so no test item appears in training.
 */
import { hashSplit, seededShuffle } from '../../src/data/split.ts';
import { firstWord, lastWord, countWords } from '../../src/data/scorers.ts';
import type { InstructRecord, Message, Split } from '../../src/data/types.ts';
import { truncateWords } from './spam.ts';
import type { TagCounts } from './brown.ts';
import { POS_NAME, show, type Pos, type Synset, type WordNet } from './wordnet.ts';

export const INSTRUCT_SEED = 2024;
export const INSTRUCT_FRACTIONS = { train: 0.8, val: 0.1, test: 0.1 };
/** Records per family and split: enough to learn the format and to grade each family on 50 test items. */
export const QUOTA: Record<Split, number> = { train: 400, val: 50, test: 50 };
/** Longest spam-family message input, so prompt and answer stay within a tiny context. */
export const SPAM_INPUT_CHARS = 160;

/** A word the families may ask about, with the part of speech Brown mostly tags it as. */
export interface Headword {
  word: string;
  pos: Pos;
}

/**
 * Headwords: plain lower-case words of 3-14 letters seen at least `minCount` times in Brown,
 * tagged there as one part of speech at least 60% of the time, and in WordNet under that part of
 * speech (this keeps out "are" the unit of area and "who" the agency). Most frequent first.
 */
export function candidateWords(wn: WordNet, tags: TagCounts, minCount = 5): Headword[] {
  const out: { word: string; pos: Pos; n: number }[] = [];
  for (const [word, c] of tags) {
    if (!/^[a-z]{3,14}$/.test(word)) continue;
    const n = Object.values(c).reduce((a, b) => a + b, 0);
    if (n < minCount) continue;
    const best = Object.entries(c).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0];
    if (best[0] === 'other' || best[1] < 0.6 * n || !wn.index.get(word)?.[best[0] as Pos]) continue;
    out.push({ word, pos: best[0] as Pos, n });
  }
  return out.sort((a, b) => b.n - a.n || (a.word < b.word ? -1 : 1)).map(({ word, pos }) => ({ word, pos }));
}

const single = (w: string) => /^[a-z][a-z-]*$/.test(w);

/** WordNet's lexical antonyms of a word in one part of speech, in sense order. */
export function antonymsOf(wn: WordNet, w: string, p: Pos): string[] {
  const all: string[] = [];
  for (const k of wn.index.get(w)?.[p] ?? []) {
    const s = wn.synsets.get(k)!;
    const i = s.words.findIndex((x) => x.toLowerCase() === w) + 1;
    for (const ptr of s.pointers) {
      if (ptr.symbol !== '!' || ptr.source !== i) continue;
      const a = wn.synsets.get(ptr.target)?.words[ptr.targetWord - 1]?.toLowerCase();
      if (a && single(a) && !all.includes(a)) all.push(a);
    }
  }
  return all;
}

/**
 * The split of every word: a seeded hash of the word, except that words linked as antonyms are
 * grouped (union-find) and the group shares the split of its alphabetically first word, so an
 * antonym pair never straddles train and test.
 */
export function wordSplits(wn: WordNet, heads: Headword[]): (w: string) => Split {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.has(r) && parent.get(r) !== r) r = parent.get(r)!;
    return r;
  };
  const union = (a: string, b: string) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return;
    if (ra < rb) parent.set(rb, ra);
    else parent.set(ra, rb);
  };
  for (const h of heads) for (const a of antonymsOf(wn, h.word, h.pos)) union(h.word, a);
  return (w) => hashSplit(`w:${find(w)}`, INSTRUCT_SEED, INSTRUCT_FRACTIONS);
}

function firstSense(wn: WordNet, w: string, p: Pos): Synset | undefined {
  const k = wn.index.get(w)?.[p]?.[0];
  return k ? wn.synsets.get(k) : undefined;
}

/** Context of the makers: WordNet, the split of a word, and whether a word is a headword. */
interface Ctx {
  wn: WordNet;
  split: (w: string) => Split;
  isHead: (w: string) => boolean;
}
type Maker = (h: Headword) => InstructRecord | undefined;

/** An answer word may not be a headword of another split (else a test word would be a training answer). */
const answerOk = (c: Ctx, a: string, w: string) => !c.isHead(a) || c.split(a) === c.split(w);

/** Definition of the first sense, up to the first ';', without parentheses. */
const makeDefine = (c: Ctx): Maker => ({ word: w, pos: p }) => {
  const s = firstSense(c.wn, w, p);
  if (!s) return undefined;
  const def = s.definition.split(';')[0].replace(/\s*\([^)]*\)/g, '').replace(/\s+/g, ' ').trim();
  if (def.length < 8 || def.length > 70) return undefined;
  return { task: 'define', instruction: `Define the ${POS_NAME[p]} "${w}".`, output: def };
};

/** Another one-word lemma of the first sense; any one-word lemma of any sense is accepted. */
const makeSynonym = (c: Ctx): Maker => ({ word: w, pos: p }) => {
  const keys = c.wn.index.get(w)?.[p] ?? [];
  const lemmas = (k: string) => (c.wn.synsets.get(k)?.words ?? []).map((x) => x.toLowerCase()).filter((x) => x !== w && single(x));
  const first = lemmas(keys[0]).filter((a) => answerOk(c, a, w));
  if (first.length === 0) return undefined;
  const accept = [...new Set(keys.flatMap(lemmas))].sort();
  return { task: 'synonym', instruction: `Give a synonym of the ${POS_NAME[p]} "${w}".`, output: first[0], accept };
};

/** WordNet's lexical antonym of the word in its first sense that has one. */
const makeAntonym = (c: Ctx): Maker => ({ word: w, pos: p }) => {
  const all = antonymsOf(c.wn, w, p);
  if (all.length === 0) return undefined;
  return { task: 'antonym', instruction: `Give an antonym of "${w}".`, output: all[0], accept: all.slice().sort() };
};

/** First lemma of the first hypernym of the noun's first sense; any hypernym lemma is accepted. */
const makeHypernym = (c: Ctx): Maker => ({ word: w, pos: p }) => {
  if (p !== 'noun') return undefined;
  const s = firstSense(c.wn, w, 'noun');
  const hyper = (s?.pointers ?? []).filter((x) => x.symbol === '@').map((x) => c.wn.synsets.get(x.target)!);
  const names = hyper.flatMap((h) => h.words.map((x) => show(x.toLowerCase())));
  const out = names.find((x) => x !== w && x.length <= 24 && answerOk(c, x, w));
  if (!out) return undefined;
  return { task: 'hypernym', instruction: `Name a more general word for "${w}".`, output: out, accept: [...new Set(names)].sort() };
};

/** A WordNet example sentence (of any sense in that part of speech) that uses the exact word. */
const makeExample = (c: Ctx): Maker => ({ word: w, pos: p }) => {
  const re = new RegExp(`\\b${w}\\b`, 'i');
  for (const k of c.wn.index.get(w)?.[p] ?? []) {
    const ex = c.wn.synsets.get(k)!.examples.find((e) => re.test(e) && e.length <= 90 && countWords(e) >= 4 && !e.includes('--'));
    if (ex) return { task: 'use_in_sentence', instruction: `Use the word "${w}" in a sentence.`, output: ex };
  }
  return undefined;
};

/** A Brown sentence fit for the text families: 4-12 words, plain ASCII, no quotes or dashes. */
export function sentenceFits(s: string): boolean {
  return s.length <= 80 && /^[A-Z][A-Za-z0-9 ,.;:?!'()-]*[.?!]$/.test(s) && !s.includes('--') && !/ - /.test(s) && countWords(s) >= 4 && countWords(s) <= 12;
}

/**
 * Sentences for the text families with their split, following the corpus: a sentence found in a
 * pretraining-train document is a training item; one found only in validation documents goes to
 * val or test (seeded hash, half each), so test sentences were never pretrained on either.
 * Sorted by text.
 */
export function candidateSentences(docs: { split: 'train' | 'val'; sentences: string[] }[]): { text: string; split: Split }[] {
  const split = new Map<string, Split>();
  for (const d of docs) {
    for (const s of d.sentences) {
      if (!sentenceFits(s)) continue;
      if (d.split === 'train') split.set(s, 'train');
      else if (!split.has(s)) split.set(s, hashSplit(`s:${s}`, INSTRUCT_SEED, { train: 0, val: 0.5, test: 0.5 }));
    }
  }
  return [...split.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([text, sp]) => ({ text, split: sp }));
}

type SentenceFamily = { task: string; instruction: string; answer: (s: string) => string };
const SENTENCE_FAMILIES: SentenceFamily[] = [
  { task: 'uppercase', instruction: 'Rewrite this sentence in capital letters.', answer: (s) => s.toUpperCase() },
  { task: 'word_count', instruction: 'How many words are in this sentence?', answer: (s) => String(countWords(s)) },
  { task: 'first_word', instruction: 'What is the first word of this sentence?', answer: firstWord },
  { task: 'last_word', instruction: 'What is the last word of this sentence?', answer: lastWord },
];

/**
 * Build every family, add `extra` records (the world's questions, made by world.ts) after them, and
 * return the records ordered by split, family, then source order.
 */
export function buildInstruct(wn: WordNet, heads: Headword[], sentences: { text: string; split: Split }[], messages: Message[], extra: readonly InstructRecord[] = []): InstructRecord[] {
  const out: InstructRecord[] = [];
  const headSet = new Set(heads.map((h) => h.word));
  const c: Ctx = { wn, split: wordSplits(wn, heads), isHead: (w) => headSet.has(w) };
  for (const make of [makeDefine, makeSynonym, makeAntonym, makeHypernym, makeExample]) {
    // Most frequent headwords first, until each split has its quota.
    const left: Record<Split, number> = { ...QUOTA };
    for (const h of heads) {
      if (left.train + left.val + left.test === 0) break;
      const split = c.split(h.word);
      if (left[split] === 0) continue;
      const r = make(c)(h);
      if (!r) continue;
      out.push({ ...r, split });
      left[split]--;
    }
  }
  SENTENCE_FAMILIES.forEach((f, fi) => {
    // The val/test pool is small (validation is 10% of the corpus) but holds enough for the quota.
    const shuffled = seededShuffle(sentences, INSTRUCT_SEED + fi);
    const picked = (['train', 'val', 'test'] as Split[]).flatMap((sp) => shuffled.filter((x) => x.split === sp).slice(0, QUOTA[sp]));
    out.push(...picked.map((s) => ({ task: f.task, split: s.split, instruction: f.instruction, input: s.text, output: f.answer(s.text) })));
  });
  // Spam family: the spam set's own split, balanced per split, inputs shortened.
  const perSplit: Record<Split, number> = { train: 175, val: 25, test: 50 };
  for (const split of ['train', 'val', 'test'] as Split[]) {
    for (const label of ['ham', 'spam'] as const) {
      const pool = seededShuffle(messages.filter((m) => m.split === split && m.label === label), INSTRUCT_SEED + 7);
      for (const m of pool.slice(0, perSplit[split])) {
        out.push({ task: 'spam', split, instruction: 'Is this message spam or ham?', input: truncateWords(m.text.replace(/\n/g, ' | '), SPAM_INPUT_CHARS), output: label });
      }
    }
  }
  out.push(...extra);
  const rank: Record<Split, number> = { train: 0, val: 1, test: 2 };
  return out
    .map((r, i) => ({ r, i }))
    .sort((a, b) => rank[a.r.split!] - rank[b.r.split!] || a.i - b.i)
    .map(({ r }) => ({ task: r.task, split: r.split, instruction: r.instruction, ...(r.input ? { input: r.input } : {}), output: r.output, ...(r.accept ? { accept: r.accept } : {}) }));
}
