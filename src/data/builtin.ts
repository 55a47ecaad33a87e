/**
 * Reads the built-in datasets (public/datasets/, made by `npm run datasets`) through the same
 * validators as the learner's files, so a damaged file is reported, not silently used.
 * `loadBuiltin` takes the fetch-like function to use, so this module stays free of the DOM.
 */
import { parseInstructJsonl } from './alpaca.ts';
import { splitDocuments } from './corpus.ts';
import { MAX_ERRORS, type DataError, type Parsed } from './errors.ts';
import { parseLabel } from './labelled.ts';
import { SPLITS, type CorpusDoc, type DatasetManifest, type InstructRecord, type Message, type Split } from './types.ts';

/** Parse the built-in spam JSONL: {id, split, label, text} per line. */
export function parseBuiltinSpam(file: string, text: string): Parsed<Message[]> {
  const errors: DataError[] = [];
  const out: Message[] = [];
  text.split('\n').forEach((s, i) => {
    if (s.trim() === '' || errors.length >= MAX_ERRORS) return;
    const line = i + 1;
    let o: Record<string, unknown>;
    try {
      o = JSON.parse(s);
    } catch {
      errors.push({ file, line, message: 'malformed JSON' });
      return;
    }
    const label = typeof o.label === 'string' ? parseLabel(o.label) : undefined;
    if (!label) errors.push({ file, line, field: 'label', message: `unknown label ${JSON.stringify(o.label)}` });
    else if (typeof o.text !== 'string' || o.text === '') errors.push({ file, line, field: 'text', message: 'missing text' });
    else if (!SPLITS.includes(o.split as Split)) errors.push({ file, line, field: 'split', message: 'missing or unknown split' });
    else out.push({ id: String(o.id ?? `line ${line}`), split: o.split as Split, label, text: o.text });
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: out };
}

/** Parse the built-in instruction JSONL; every record must carry its task and split. */
export function parseBuiltinInstruct(file: string, text: string): Parsed<InstructRecord[]> {
  const r = parseInstructJsonl(file, text);
  if (!r.ok) return r;
  const lines = text.split('\n').map((l, i) => [l, i + 1] as const).filter(([l]) => l.trim() !== '');
  const errors: DataError[] = [];
  r.value.forEach((rec, i) => {
    if (!rec.task || !rec.split) errors.push({ file, line: lines[i][1], field: rec.task ? 'split' : 'task', message: 'built-in records need a task and a split' });
  });
  return errors.length ? { ok: false, errors: errors.slice(0, MAX_ERRORS) } : r;
}

/** Everything the Datasets page shows. */
export interface BuiltinDatasets {
  manifest: DatasetManifest;
  corpus: Record<'train' | 'val', CorpusDoc[]>;
  spam: Message[];
  spamBalanced: Message[];
  instruct: InstructRecord[];
}

/** Fetch and parse every built-in file from `base` (e.g. "datasets/"). Throws with the errors on failure. */
export async function loadBuiltin(base: string, fetchText: (url: string) => Promise<string>): Promise<BuiltinDatasets> {
  const manifest = JSON.parse(await fetchText(`${base}manifest.json`)) as DatasetManifest;
  const m = manifest;
  const [train, val, spamText, balText, instText] = await Promise.all(
    [m.corpus.files.train, m.corpus.files.val, m.spam.file, m.spam.balancedFile, m.instruct.file].map((f) => fetchText(base + f)),
  );
  const check = <T>(r: Parsed<T>): T => {
    if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}${e.line ? `, line ${e.line}` : ''}: ${e.message}`).join('\n'));
    return r.value;
  };
  const docs = (text: string, list: { id: string; genre: string }[]) =>
    splitDocuments(text).map((t, i) => ({ id: list[i]?.id ?? `#${i + 1}`, genre: list[i]?.genre, text: t }));
  return {
    manifest,
    corpus: { train: docs(train, m.corpus.documents.train), val: docs(val, m.corpus.documents.val) },
    spam: check(parseBuiltinSpam(m.spam.file, spamText)),
    spamBalanced: check(parseBuiltinSpam(m.spam.balancedFile, balText)),
    instruct: check(parseBuiltinInstruct(m.instruct.file, instText)),
  };
}
