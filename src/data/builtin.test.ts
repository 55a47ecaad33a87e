// The page's loader of the built-in sets, fed from the committed files through a fake fetch:
// each set parses with the manifest's counts, only its own files are fetched, and a damaged
// file is reported with its name and line.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadBuiltin } from './builtin.ts';

const dir = new URL('../../public/datasets/', import.meta.url);
function fakeFetch(patch: Record<string, string> = {}) {
  const asked: string[] = [];
  const fetchText = async (url: string) => {
    asked.push(url);
    const name = url.replace(/^datasets\//, '');
    return patch[name] ?? readFileSync(new URL(name, dir), 'utf8');
  };
  return { asked, fetchText };
}

describe('loadBuiltin', () => {
  it('loads each set, fetching only the manifest and that set\'s files', async () => {
    const f = fakeFetch();
    const spam = await loadBuiltin('spam-balanced', 'datasets/', f.fetchText);
    expect(f.asked).toEqual(['datasets/manifest.json', 'datasets/spam-balanced.jsonl']);
    if (spam.kind !== 'spam-balanced') throw new Error('wrong kind');
    const c = spam.manifest.spam.balancedCounts;
    expect(spam.messages.length).toBe(c.train.ham + c.train.spam + c.val.ham + c.val.spam + c.test.ham + c.test.spam);

    const corpus = await loadBuiltin('corpus', 'datasets/', f.fetchText);
    if (corpus.kind !== 'corpus') throw new Error('wrong kind');
    expect(corpus.train[0]).toMatchObject({ id: 'ca01', genre: 'news' });
    expect(corpus.train[0].text.startsWith('The Fulton County Grand Jury said Friday')).toBe(true);
    expect(corpus.val.map((d) => d.id)).toEqual(corpus.manifest.corpus.documents.val.map((d) => d.id));

    const inst = await loadBuiltin('instruct', 'datasets/', f.fetchText);
    expect(inst.kind === 'instruct' && inst.records.length).toBe(
      Object.values(inst.manifest.instruct.counts).reduce((s, c) => s + c.train + c.val + c.test, 0),
    );
  });

  it('reports a damaged built-in file by name and line', async () => {
    const lines = readFileSync(new URL('spam.jsonl', dir), 'utf8').split('\n');
    lines[4] = lines[4].replace(/"label":"(ham|spam)"/, '"label":"eggs"');
    const f = fakeFetch({ 'spam.jsonl': lines.join('\n') });
    await expect(loadBuiltin('spam', 'datasets/', f.fetchText)).rejects.toThrow('spam.jsonl, line 5: unknown label "eggs"');
  });
});
