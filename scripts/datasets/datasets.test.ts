// The committed datasets read back through the same loaders the page uses, and hold what the
// README states: counts per split and class and family, no test item in training, balanced
// variant balanced, every reference answer accepted by its family's scorer.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBuiltinInstruct, parseBuiltinSpam } from '../../src/data/builtin.ts';
import { splitDocuments } from '../../src/data/corpus.ts';
import { quotedWord, scoreAnswer, SCORERS } from '../../src/data/scorers.ts';
import type { DatasetManifest, InstructRecord, Split } from '../../src/data/types.ts';
import { OUT_DIR } from './build.ts';

const read = (f: string) => readFileSync(join(OUT_DIR, f), 'utf8');
const manifest = JSON.parse(read('manifest.json')) as DatasetManifest;
const unwrap = <T>(r: { ok: true; value: T } | { ok: false; errors: unknown[] }): T => {
  if (!r.ok) throw new Error(JSON.stringify(r.errors));
  return r.value;
};

describe('pretraining corpus', () => {
  it('has the stated documents and characters per split, and no document in both', () => {
    for (const split of ['train', 'val'] as const) {
      const docs = splitDocuments(read(manifest.corpus.files[split]));
      expect(docs.length).toBe(manifest.corpus.documents[split].length);
      expect(docs.reduce((s, d) => s + d.length, 0)).toBe(manifest.corpus.characters[split]);
    }
    expect(manifest.corpus.documents.train.length + manifest.corpus.documents.val.length).toBe(500);
    const trainIds = new Set(manifest.corpus.documents.train.map((d) => d.id));
    expect(manifest.corpus.documents.val.filter((d) => trainIds.has(d.id))).toEqual([]);
    // Every one of the 15 genres has a validation document.
    expect(new Set(manifest.corpus.documents.val.map((d) => d.genre)).size).toBe(15);
    // Tags are gone: no "word/tag" tokens such as "the/at".
    expect(read('corpus-val.txt')).not.toMatch(/\b[a-z]+\/(at|nn|vbd|in)\b/);
  });
});

describe('spam set', () => {
  const all = unwrap(parseBuiltinSpam('spam.jsonl', read('spam.jsonl')));
  const balanced = unwrap(parseBuiltinSpam('spam-balanced.jsonl', read('spam-balanced.jsonl')));

  it('has the stated messages per class per split, split about 70/10/20 within each class', () => {
    for (const split of ['train', 'val', 'test'] as Split[]) {
      for (const label of ['ham', 'spam'] as const) {
        const n = all.filter((m) => m.split === split && m.label === label).length;
        expect(n, `${split} ${label}`).toBe(manifest.spam.counts[split][label]);
      }
    }
    for (const label of ['ham', 'spam'] as const) {
      const total = all.filter((m) => m.label === label).length;
      const test = all.filter((m) => m.label === label && m.split === 'test').length;
      expect(test / total).toBeCloseTo(0.2, 2);
    }
    expect(manifest.spam.counts.train.ham).toBeGreaterThan(manifest.spam.counts.train.spam);
  });

  it('has no duplicate text, so no message is in two splits, and none is too long', () => {
    expect(new Set(all.map((m) => m.text)).size).toBe(all.length);
    expect(new Set(all.map((m) => m.id)).size).toBe(all.length);
    expect(Math.max(...all.map((m) => m.text.length))).toBeLessThanOrEqual(manifest.spam.maxChars);
  });

  it('balanced variant: the same messages and splits, ham undersampled to the spam count', () => {
    const byId = new Map(all.map((m) => [m.id, m]));
    for (const m of balanced) expect(byId.get(m.id)).toEqual(m);
    for (const split of ['train', 'val', 'test'] as Split[]) {
      const ham = balanced.filter((m) => m.split === split && m.label === 'ham').length;
      const spam = balanced.filter((m) => m.split === split && m.label === 'spam').length;
      expect(ham).toBe(spam);
      expect(spam).toBe(manifest.spam.counts[split].spam);
      expect(manifest.spam.balancedCounts[split]).toEqual({ ham, spam });
    }
  });
});

describe('instruction set', () => {
  const records = unwrap(parseBuiltinInstruct('instruct.jsonl', read('instruct.jsonl')));

  it('has at least 3,000 records in at least 8 families, with the stated counts per family per split', () => {
    expect(records.length).toBeGreaterThanOrEqual(3000);
    const counts: Record<string, Record<Split, number>> = {};
    for (const r of records) (counts[r.task!] ??= { train: 0, val: 0, test: 0 })[r.split!]++;
    expect(counts).toEqual(manifest.instruct.counts);
    expect(Object.keys(counts).length).toBeGreaterThanOrEqual(8);
    for (const [task, c] of Object.entries(counts)) {
      expect(SCORERS[task], `scorer for ${task}`).toBeDefined();
      expect(c.test, `${task} test records`).toBeGreaterThanOrEqual(20);
    }
  });

  it('never puts a test or validation item (word, sentence, message) in training', () => {
    const item = (r: InstructRecord) => (r.input !== undefined ? `${r.task === 'spam' ? 'msg' : 'sentence'}:${r.input}` : `word:${quotedWord(r.instruction)}`);
    // The world's families ask about people, not words; world.test.ts checks they keep their groups apart.
    const wordy = records.filter((r) => !r.task?.startsWith('world-'));
    const train = new Set(wordy.filter((r) => r.split === 'train').map(item));
    const leaks = wordy.filter((r) => r.split !== 'train' && train.has(item(r)));
    expect(leaks).toEqual([]);
    // Synonym, antonym and hypernym answers of training records are not test headwords either.
    const testWords = new Set(records.filter((r) => r.split === 'test' && r.input === undefined).map((r) => quotedWord(r.instruction)));
    const answerLeaks = records.filter((r) => r.split === 'train' && ['synonym', 'antonym', 'hypernym'].includes(r.task!) && testWords.has(r.output));
    expect(answerLeaks).toEqual([]);
    // Sentences of val and test records come from validation documents: never pretrained on.
    const corpusTrain = read(manifest.corpus.files.train);
    const seen = records.filter((r) => r.split !== 'train' && r.input !== undefined && r.task !== 'spam' && corpusTrain.includes(r.input));
    expect(seen).toEqual([]);
    // Spam-family messages keep the spam set's split.
    const spamSplit = new Map(unwrap(parseBuiltinSpam('spam.jsonl', read('spam.jsonl'))).map((m) => [m.text.replace(/\n/g, ' | '), m.split]));
    for (const r of records.filter((x) => x.task === 'spam')) {
      const full = [...spamSplit.entries()].find(([t]) => t.startsWith(r.input!));
      expect(full?.[1], r.input).toBe(r.split);
    }
  });

  it('keeps records short enough for a tiny model (prompt + answer under 300 characters)', () => {
    const len = (r: InstructRecord) => r.instruction.length + (r.input?.length ?? 0) + r.output.length;
    expect(Math.max(...records.map(len))).toBeLessThan(300);
  });

  it('every reference answer passes its family scorer, and another record\'s answer mostly fails', () => {
    for (const r of records) expect(scoreAnswer(r, r.output), `${r.task}: ${r.instruction}`).toBe(true);
    const byTask = new Map<string, InstructRecord[]>();
    for (const r of records) byTask.set(r.task!, [...(byTask.get(r.task!) ?? []), r]);
    for (const [task, rs] of byTask) {
      if (task === 'spam') continue; // two answers only: half of shifted answers are right
      let wrong = 0;
      for (let i = 0; i < rs.length; i++) if (!scoreAnswer(rs[i], rs[(i + 7) % rs.length].output)) wrong++;
      expect(wrong / rs.length, task).toBeGreaterThan(0.6);
    }
  });
});
