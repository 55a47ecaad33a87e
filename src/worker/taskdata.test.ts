import { describe, expect, it } from 'vitest';
import { BuiltinSets, DataFileError, splitCounts, uploadedSet } from './taskdata.ts';
import { readFileSync } from 'node:fs';

describe('finetuning data in the worker', () => {
  it('gives an uploaded CSV a stratified split with both classes in every part', () => {
    const rows = ['label,text', ...Array.from({ length: 40 }, (_, i) => `${i % 2 ? 'spam' : 'ham'},message number ${i}`)];
    const set = uploadedSet('classify', 'mine.csv', rows.join('\n'));
    expect(set.kind).toBe('classify');
    expect(splitCounts(set)).toEqual({ train: 32, val: 4, test: 4 });
    if (set.kind !== 'classify') return;
    for (const s of ['train', 'val', 'test'] as const) {
      const labels = new Set(set.messages.filter((m) => m.split === s).map((m) => m.label));
      expect([...labels].sort()).toEqual(['ham', 'spam']);
    }
  });

  it('refuses a bad upload with file, line and field, and a set too small to split', () => {
    const bad = () => uploadedSet('classify', 'bad.csv', 'label,text\nspam,hello\nmaybe,what\nham,x');
    expect(bad).toThrow(DataFileError);
    expect(bad).toThrow(/bad\.csv, line 3.*label/);
    expect(() => uploadedSet('classify', 'tiny.csv', 'spam,a\nham,b')).toThrow(/no validation items/);
    expect(() => uploadedSet('instruct', 'x.csv', 'spam,a')).toThrow(/x\.csv/);
  });

  it('keeps the splits an instruction file has and hashes one for records without', () => {
    const recs = Array.from({ length: 60 }, (_, i) => JSON.stringify({ instruction: `Say ${i}`, output: `${i}` }));
    recs.push(JSON.stringify({ instruction: 'Fixed', output: 'x', split: 'test' }));
    const set = uploadedSet('instruct', 'mine.jsonl', recs.join('\n'));
    const n = splitCounts(set);
    expect(n.train + n.val + n.test).toBe(61);
    expect(n.train).toBeGreaterThan(n.val);
    expect(n.val).toBeGreaterThan(0);
    if (set.kind === 'instruct') expect(set.records.find((r) => r.instruction === 'Fixed')?.split).toBe('test');
    // the same record always lands in the same split
    const again = uploadedSet('instruct', 'mine.jsonl', recs.slice().reverse().join('\n'));
    if (set.kind === 'instruct' && again.kind === 'instruct') {
      const split = (s: typeof set, k: string) => s.kind === 'instruct' && s.records.find((r) => r.instruction === k)?.split;
      for (const i of [0, 7, 33]) expect(split(again, `Say ${i}`)).toBe(split(set, `Say ${i}`));
    }
  });

  it('loads the shipped sets once, with their own splits', async () => {
    const fetched: string[] = [];
    const sets = new BuiltinSets(async (p) => {
      fetched.push(p);
      return readFileSync(`public/${p}`, 'utf8');
    });
    const spam = await sets.get('classify');
    await sets.get('classify');
    expect(fetched).toEqual(['datasets/spam-balanced.jsonl']);
    expect(splitCounts(spam)).toEqual({ train: 2400, val: 344, test: 686 });
    const inst = await sets.get('instruct');
    expect(splitCounts(inst).val).toBe(500);
  });
});
