/**
 * Counts the viewer shows, computed from the loaded records themselves (so the learner's files
 * get the same tables as the built-in sets). Items without a split count as "all".
 */
import type { CorpusDoc, InstructRecord, Message } from '../../data/types.ts';

/** The split column of a record: its split, or "all" for unsplit user data. */
export const splitOf = (x: { split?: string }): string => x.split ?? 'all';
const ORDER = ['train', 'val', 'test', 'all'];
const bySplitOrder = (a: string, b: string) => ORDER.indexOf(a) - ORDER.indexOf(b);

/** One row per split: ham and spam counts, in train, val, test order. */
export function labelCounts(messages: Message[]): { split: string; ham: number; spam: number }[] {
  const rows = new Map<string, { split: string; ham: number; spam: number }>();
  for (const m of messages) {
    const s = splitOf(m);
    const r = rows.get(s) ?? { split: s, ham: 0, spam: 0 };
    r[m.label]++;
    rows.set(s, r);
  }
  return [...rows.values()].sort((a, b) => bySplitOrder(a.split, b.split));
}

/** Records per task family and split: the splits present, and a row per family (sorted). */
export function familyCounts(records: InstructRecord[]): { splits: string[]; rows: { task: string; counts: Record<string, number>; total: number }[] } {
  const splits = [...new Set(records.map(splitOf))].sort(bySplitOrder);
  const rows = new Map<string, Record<string, number>>();
  for (const r of records) {
    const t = r.task ?? '(no task)';
    const c = rows.get(t) ?? {};
    c[splitOf(r)] = (c[splitOf(r)] ?? 0) + 1;
    rows.set(t, c);
  }
  return {
    splits,
    rows: [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([task, counts]) => ({ task, counts, total: Object.values(counts).reduce((x, y) => x + y, 0) })),
  };
}

/** Documents, characters and words of a list of documents. */
export function corpusStats(docs: CorpusDoc[]): { documents: number; characters: number; words: number } {
  let characters = 0;
  let words = 0;
  for (const d of docs) {
    characters += d.text.length;
    words += d.text.split(/\s+/).filter(Boolean).length;
  }
  return { documents: docs.length, characters, words };
}

/** 5975080 -> "5,975,080". */
export const fmt = (n: number): string => n.toLocaleString('en-US');
