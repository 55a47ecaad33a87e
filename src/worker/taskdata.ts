/**
 * The finetuning data of the page's engine: the shipped spam set (public/datasets/spam-balanced.jsonl)
 * and instruction set (public/datasets/instruct.jsonl), fetched and validated once per worker
 * with the src/data loaders, and the learner's uploaded set of each kind, validated by the same
 * loader and given splits when the file has none. A bad file is refused with its errors (file,
 * line, field) and the previous upload stays. No GPU, no UI.
 */
import { parseBuiltinInstruct, parseBuiltinSpam } from '../data/builtin.ts';
import { formatDataError, type DataError } from '../data/errors.ts';
import { loadUserFile } from '../data/load.ts';
import { hashSplit, stratifiedSplit, type SplitFractions } from '../data/split.ts';
import type { InstructRecord, Message, Split } from '../data/types.ts';
import { parsePrefsJsonl, type PrefPair } from '../data/prefs.ts';

/** Labelled messages or instruction records, every item with its split. */
export type TaskSet =
  | { kind: 'classify'; name: string; messages: Message[] }
  | { kind: 'instruct'; name: string; records: InstructRecord[] }
  | { kind: 'prefer'; name: string; pairs: PrefPair[]; replay?: ReplayText };

/** The pretraining text a preference run replays (pretraining replay): the corpus and the world's biographies, as token streams. */
export interface ReplayText {
  brown: Int32Array;
  bios?: Int32Array;
}

/** Splits given to an uploaded file that has none. */
export const UPLOAD_SPLIT: SplitFractions = { train: 0.8, val: 0.1, test: 0.1 };
const SPLIT_SEED = 1337;

/** A data problem with the errors of the file, one per line of the message. */
export class DataFileError extends Error {
  constructor(readonly errors: DataError[]) {
    super(errors.map(formatDataError).join('\n'));
    this.name = 'DataFileError';
  }
}

/** Items per split of a set (for the page to show). */
export function splitCounts(set: TaskSet): Record<Split, number> {
  if (set.kind === 'prefer') return { train: set.pairs.length, val: 0, test: 0 };
  const items: { split?: Split }[] = set.kind === 'classify' ? set.messages : set.records;
  const out: Record<Split, number> = { train: 0, val: 0, test: 0 };
  for (const it of items) if (it.split) out[it.split]++;
  return out;
}

/**
 * The learner's file of one kind as a set with splits: classification rows get a stratified
 * 80/10/10 split (seeded), instruction records keep theirs or get one from a hash of the
 * instruction and input (stable whatever else is in the file). Throws a DataFileError naming the
 * file, line and field, or the split that came out empty.
 */
export function uploadedSet(kind: 'classify' | 'instruct' | 'prefer', name: string, text: string): TaskSet {
  if (kind === 'prefer') {
    // Pairs train only: the lesson measures on the world's test questions, not on a split of the file.
    const r = parsePrefsJsonl(name, text);
    if (!r.ok) throw new DataFileError(r.errors);
    return { kind, name, pairs: r.value };
  }
  const r = loadUserFile(name, new TextEncoder().encode(text), kind);
  if (!r.ok) throw new DataFileError(r.errors);
  let set: TaskSet;
  if (r.value.kind === 'classify') {
    const msgs = r.value.messages;
    const parts = stratifiedSplit(msgs, (m) => m.label, UPLOAD_SPLIT, SPLIT_SEED);
    const messages = (['train', 'val', 'test'] as const).flatMap((s) => parts[s].map((m) => ({ ...m, split: s })));
    set = { kind: 'classify', name, messages };
  } else if (r.value.kind === 'instruct') {
    const records = r.value.records.map((x) => ({ ...x, split: x.split ?? hashSplit(`${x.instruction}\n${x.input ?? ''}`, SPLIT_SEED, UPLOAD_SPLIT) }));
    set = { kind: 'instruct', name, records };
  } else {
    throw new DataFileError([{ file: name, message: `a ${r.value.kind} file cannot train a ${kind} run` }]);
  }
  const n = splitCounts(set);
  for (const s of ['train', 'val'] as const) {
    if (n[s] === 0) throw new DataFileError([{ file: name, field: 'split', message: `no ${s === 'train' ? 'training' : 'validation'} items after splitting ${n.train + n.val + n.test} items: add more rows` }]);
  }
  return set;
}

export type FetchText = (path: string) => Promise<string>;

/** A load kept while it succeeds: `clear` forgets a failed one, so the next call tries again. */
const retry = <T>(p: Promise<T>, clear: () => void): Promise<T> => p.catch((e) => { clear(); throw e; });

/** The shipped sets, fetched and checked once; a failed load is retried next time. */
export class BuiltinSets {
  private spam: Promise<TaskSet> | undefined;
  private instruct: Promise<TaskSet> | undefined;
  private prefs: Promise<TaskSet> | undefined;
  private everydaySet: Promise<Message[]> | undefined;

  constructor(private readonly fetchText: FetchText) {}

  get(kind: 'classify' | 'instruct' | 'prefer'): Promise<TaskSet> {
    const load = async (): Promise<TaskSet> => {
      if (kind === 'prefer') {
        const r = parsePrefsJsonl('datasets/world-prefs.jsonl', await this.fetchText('datasets/world-prefs.jsonl'));
        if (!r.ok) throw new DataFileError(r.errors);
        return { kind, name: 'world-prefs.jsonl', pairs: r.value };
      }
      if (kind === 'classify') {
        const r = parseBuiltinSpam('datasets/spam-balanced.jsonl', await this.fetchText('datasets/spam-balanced.jsonl'));
        if (!r.ok) throw new DataFileError(r.errors);
        return { kind, name: 'spam-balanced.jsonl', messages: r.value };
      }
      const r = parseBuiltinInstruct('datasets/instruct.jsonl', await this.fetchText('datasets/instruct.jsonl'));
      if (!r.ok) throw new DataFileError(r.errors);
      return { kind, name: 'instruct.jsonl', records: r.value };
    };
    if (kind === 'classify') return (this.spam ??= retry(load(), () => (this.spam = undefined)));
    if (kind === 'prefer') return (this.prefs ??= retry(load(), () => (this.prefs = undefined)));
    return (this.instruct ??= retry(load(), () => (this.instruct = undefined)));
  }

  /** The everyday messages written for the lab (public/datasets/spam-everyday.jsonl): lesson 2's second test split. */
  everyday(): Promise<Message[]> {
    const file = 'datasets/spam-everyday.jsonl';
    const load = async () => {
      const r = parseBuiltinSpam(file, await this.fetchText(file));
      if (!r.ok) throw new DataFileError(r.errors);
      return r.value;
    };
    return (this.everydaySet ??= retry(load(), () => (this.everydaySet = undefined)));
  }
}
