/**
 * The shipped pretraining data for the page's engine: fetches the tokenizer, the corpus and the
 * made-up world (public/models/tokenizer.json, public/datasets/corpus-{train,val}.txt,
 * world-bios.txt and world.jsonl, relative to the page),
 * encodes the text in chunks with progress reports, and keeps the result for the worker's
 * lifetime so a second run (or a reset) does not encode again. No GPU, no UI.
 */
import { formatDataError } from '../data/errors.ts';
import { parseWorld, type Person } from '../data/world.ts';
import { loadLabTokenizer } from '../train/lab-tokenizer.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import { fetchText } from '../util/fetch.ts';

export interface Corpus {
  tokenizer: Tokenizer;
  /** training token stream */
  train: Int32Array;
  /** held-out token stream (validation) */
  val: Int32Array;
  /** the made-up world's biographies as one token stream, the second source of the pretraining mix */
  bios?: Int32Array;
  /** the made-up world's people, for the facts probe */
  world?: Person[];
}

export type Progress = (phase: 'fetch' | 'encode', done: number, total: number) => void;

/**
 * Cuts text into pieces of about `size` characters at a newline followed by a non-space
 * character. The tokenizer's pre-split always ends a piece there, so encoding the chunks one by
 * one gives exactly the ids of encoding the whole text (and the loop can report progress).
 */
export function chunkText(text: string, size: number): string[] {
  const out: string[] = [];
  let start = 0;
  while (start < text.length) {
    let end = start + size;
    if (end >= text.length) end = text.length;
    else {
      while (end < text.length && !(text[end - 1] === '\n' && /\S/.test(text[end]))) end++;
    }
    out.push(text.slice(start, end));
    start = end;
  }
  return out;
}

async function encodeWithProgress(tok: Tokenizer, text: string, report: (done: number) => void): Promise<Int32Array> {
  const ids: number[] = [];
  let done = 0;
  for (const chunk of chunkText(text, 200_000)) {
    for (const id of tok.encode(chunk, { allowSpecial: true })) ids.push(id);
    done += chunk.length;
    report(done);
    await new Promise((r) => setTimeout(r, 0)); // let pause/reset messages in between chunks
  }
  return Int32Array.from(ids);
}

let cached: Promise<Corpus> | undefined;

/** The encoded corpus, fetched and encoded once per worker; a failed load is retried next time. */
export function loadCorpus(baseUrl: string, progress: Progress): Promise<Corpus> {
  cached ??= (async () => {
    const url = (p: string) => new URL(p, baseUrl).href;
    const tokenizer = await loadLabTokenizer(baseUrl);
    const trainText = await fetchText(url('datasets/corpus-train.txt'), (d, t) => progress('fetch', d, t));
    const valText = await fetchText(url('datasets/corpus-val.txt'), () => {});
    const biosText = await fetchText(url('datasets/world-bios.txt'), () => {});
    const world = parseWorld('datasets/world.jsonl', await fetchText(url('datasets/world.jsonl'), () => {}));
    if (!world.ok) throw new Error(world.errors.map(formatDataError).join('\n'));
    const total = trainText.length + valText.length + biosText.length;
    const train = await encodeWithProgress(tokenizer, trainText, (d) => progress('encode', d, total));
    const val = await encodeWithProgress(tokenizer, valText, (d) => progress('encode', trainText.length + d, total));
    const bios = await encodeWithProgress(tokenizer, biosText, (d) => progress('encode', trainText.length + valText.length + d, total));
    return { tokenizer, train, val, bios, world: world.value };
  })().catch((e) => {
    cached = undefined;
    throw e;
  });
  return cached;
}
