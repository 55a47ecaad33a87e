/**
 * Reads the built-in datasets (public/datasets/, made by `npm run datasets`) through the same
 * validators as the learner's files, so a damaged file is reported, not silently used.
 * `loadBuiltin` takes the fetch-like function to use, so this module stays free of the DOM.
 */
import { parseInstructJsonl } from './alpaca.ts';
import { splitDocuments } from './corpus.ts';
import { MAX_ERRORS, type DataError, type Parsed } from './errors.ts';
import { parseLabel } from './labelled.ts';
import { parseWorld, type Person } from './world.ts';
import { parsePrefsJsonl, type PrefPair } from './prefs.ts';
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

/** The built-in sets, one per viewer kind; each is fetched only when something shows it. */
export type BuiltinKind = 'corpus' | 'spam' | 'spam-balanced' | 'instruct' | 'world' | 'prefs';
export type BuiltinSet =
  | { kind: 'corpus'; manifest: DatasetManifest; train: CorpusDoc[]; val: CorpusDoc[] }
  | { kind: 'spam' | 'spam-balanced'; manifest: DatasetManifest; messages: Message[] }
  | { kind: 'instruct'; manifest: DatasetManifest; records: InstructRecord[] }
  | { kind: 'world'; manifest: DatasetManifest; people: Person[]; bios: string[] }
  | { kind: 'prefs'; manifest: DatasetManifest; pairs: PrefPair[] };

const check = <T>(r: Parsed<T>): T => {
  if (!r.ok) throw new Error(r.errors.map((e) => `${e.file}${e.line ? `, line ${e.line}` : ''}: ${e.message}`).join('\n'));
  return r.value;
};

/**
 * Fetch and parse one built-in set from `base` (e.g. "datasets/"), with the manifest that names
 * its files. Throws with the file and line of any problem.
 */
export async function loadBuiltin(kind: BuiltinKind, base: string, fetchText: (url: string) => Promise<string>): Promise<BuiltinSet> {
  const manifest = JSON.parse(await fetchText(`${base}manifest.json`)) as DatasetManifest;
  const m = manifest;
  if (kind === 'corpus') {
    const [train, val] = await Promise.all([fetchText(base + m.corpus.files.train), fetchText(base + m.corpus.files.val)]);
    const docs = (text: string, list: { id: string; genre: string }[]) =>
      splitDocuments(text).map((t, i) => ({ id: list[i]?.id ?? `#${i + 1}`, genre: list[i]?.genre, text: t }));
    return { kind, manifest, train: docs(train, m.corpus.documents.train), val: docs(val, m.corpus.documents.val) };
  }
  if (kind === 'world') {
    const [people, bios] = await Promise.all([fetchText(base + m.world.file), fetchText(base + m.world.biosFile)]);
    return { kind, manifest, people: check(parseWorld(m.world.file, people)), bios: bios.trim().split('\n\n') };
  }
  if (kind === 'prefs') return { kind, manifest, pairs: check(parsePrefsJsonl(m.prefs.file, await fetchText(base + m.prefs.file))) };
  if (kind === 'instruct') return { kind, manifest, records: check(parseBuiltinInstruct(m.instruct.file, await fetchText(base + m.instruct.file))) };
  const file = kind === 'spam' ? m.spam.file : m.spam.balancedFile;
  return { kind, manifest, messages: check(parseBuiltinSpam(file, await fetchText(base + file))) };
}
