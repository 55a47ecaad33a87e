import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadTokenizer } from '../train/tokenizer-json.ts';
import { chunkText } from './data.ts';

describe('chunked corpus encoding', () => {
  it('cuts only after a newline before a non-space, and encoding the chunks gives the ids of the whole text', () => {
    const tok = loadTokenizer(readFileSync('public/models/tokenizer.json', 'utf8'));
    const text = readFileSync('public/datasets/corpus-val.txt', 'utf8').slice(0, 120_000);
    const chunks = chunkText(text, 10_000);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.join('')).toBe(text);
    for (const c of chunks.slice(0, -1)) expect(c.endsWith('\n')).toBe(true);
    const joined = chunks.flatMap((c) => tok.encode(c, { allowSpecial: true }));
    expect(joined).toEqual(tok.encode(text, { allowSpecial: true }));
  });

  it('keeps a text without a cut point whole', () => {
    expect(chunkText('no newline here at all', 4)).toEqual(['no newline here at all']);
    expect(chunkText('', 4)).toEqual([]);
  });
});
