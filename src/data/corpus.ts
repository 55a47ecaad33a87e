/**
 * Plain-text pretraining data: documents separated by a line holding only DOC_SEPARATOR (the
 * built-in corpus files, or the learner's .txt, which may have none: then it is one document).
 */
import { fail, type Parsed } from './errors.ts';
import type { CorpusDoc } from './types.ts';

/** The line between documents (GPT-2's end-of-text marker, familiar to learners). */
export const DOC_SEPARATOR = '<|endoftext|>';

/** Fewer characters than this cannot fill even one training window. */
export const MIN_CORPUS_CHARS = 200;

/** Split a corpus text into documents at separator lines; empty documents are dropped. */
export function splitDocuments(text: string): string[] {
  return text
    .split(new RegExp(`^${DOC_SEPARATOR.replace(/[|]/g, '\\|')}$`, 'm'))
    .map((d) => d.replace(/^\n+|\n+$/g, ''))
    .filter((d) => d.trim() !== '');
}

/** Join documents into the corpus file format (the inverse of splitDocuments). */
export function joinDocuments(docs: string[]): string {
  return docs.join(`\n${DOC_SEPARATOR}\n`) + '\n';
}

/** Parse the learner's pretraining text. */
export function parseCorpusText(file: string, text: string): Parsed<CorpusDoc[]> {
  const docs = splitDocuments(text);
  const chars = docs.reduce((s, d) => s + d.length, 0);
  if (chars < MIN_CORPUS_CHARS) {
    return fail(file, `only ${chars} characters of text; pretraining needs at least ${MIN_CORPUS_CHARS}`);
  }
  return { ok: true, value: docs.map((t, i) => ({ id: `${file} #${i + 1}`, text: t })) };
}
