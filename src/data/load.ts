/**
 * One entry point for the learner's own files, used by the page and the CLI: picks the parser
 * from the extension (.txt pretraining, .csv/.tsv classification, .jsonl/.json instructions),
 * decodes and validates, and returns the data or errors that name file, line and problem.
 * The bytes are parsed where they are; nothing is sent anywhere.
 */
import { parseInstructJson, parseInstructJsonl } from './alpaca.ts';
import { decodeUserText, MAX_USER_FILE_BYTES } from './bytes.ts';
import { parseCorpusText } from './corpus.ts';
import { fail, type Parsed } from './errors.ts';
import { parseLabelled } from './labelled.ts';
import type { CorpusDoc, InstructRecord, Message } from './types.ts';

/** The three kinds of data, one per lesson. */
export type DataKind = 'pretrain' | 'classify' | 'instruct';

/** A successfully loaded user file. */
export type UserData =
  | { kind: 'pretrain'; file: string; docs: CorpusDoc[] }
  | { kind: 'classify'; file: string; messages: Message[] }
  | { kind: 'instruct'; file: string; records: InstructRecord[] };

/** Extensions accepted per kind, for the upload control's `accept` attribute and messages. */
export const EXTENSIONS: Record<DataKind, string[]> = {
  pretrain: ['.txt'],
  classify: ['.csv', '.tsv'],
  instruct: ['.jsonl', '.json'],
};

/** The kind a file name's extension selects, or undefined. */
export function kindOfFile(name: string): DataKind | undefined {
  const ext = name.slice(name.lastIndexOf('.')).toLowerCase();
  return (Object.keys(EXTENSIONS) as DataKind[]).find((k) => EXTENSIONS[k].includes(ext));
}

/** Decode and validate a user file. `expect` (optional) rejects a file of another kind. */
export function loadUserFile(name: string, bytes: Uint8Array, expect?: DataKind, maxBytes = MAX_USER_FILE_BYTES): Parsed<UserData> {
  const kind = kindOfFile(name);
  const all = Object.values(EXTENSIONS).flat().join(', ');
  if (!kind) return fail(name, `unsupported file type; use one of ${all}`);
  if (expect && kind !== expect) return fail(name, `this is a ${kind} file; here the lab expects ${EXTENSIONS[expect].join(' or ')}`);
  const text = decodeUserText(name, bytes, maxBytes);
  if (!text.ok) return text;
  const ext = name.slice(name.lastIndexOf('.')).toLowerCase();
  if (kind === 'pretrain') {
    const r = parseCorpusText(name, text.value);
    return r.ok ? { ok: true, value: { kind, file: name, docs: r.value } } : r;
  }
  if (kind === 'classify') {
    const r = parseLabelled(name, text.value, ext === '.tsv' ? '\t' : ',');
    return r.ok ? { ok: true, value: { kind, file: name, messages: r.value } } : r;
  }
  const r = ext === '.json' ? parseInstructJson(name, text.value) : parseInstructJsonl(name, text.value);
  return r.ok ? { ok: true, value: { kind, file: name, records: r.value } } : r;
}
