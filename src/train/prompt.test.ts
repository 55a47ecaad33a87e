import { describe, expect, it } from 'vitest';
import { formatClassification, formatInstruction, formatPrompt } from './prompt.ts';
import { Tokenizer } from './tokenizer.ts';

// Byte-level only (no merges): one token per byte, so token counts are byte counts.
const tok = new Tokenizer([]);
const enc = (s: string) => new TextEncoder().encode(s).length;

describe('instruction template', () => {
  it('writes the Alpaca layout, with the input block only when there is an input', () => {
    expect(formatPrompt({ instruction: 'Say hi.' })).toBe(
      '### Instruction:\nSay hi.\n\n### Response:\n',
    );
    expect(formatPrompt({ instruction: 'Translate.', input: 'Hallo' })).toContain('### Instruction:\nTranslate.\n\n### Input:\nHallo\n\n### Response:\n');
    expect(formatPrompt({ instruction: 'x', input: '  ' })).not.toContain('### Input:');
  });

  it('masks the prompt and counts the response and its end-of-text', () => {
    const ex = { instruction: 'Say hi.', output: 'Hi!' };
    const p = enc(formatPrompt(ex));
    const f = formatInstruction(tok, ex);
    expect(f.promptLength).toBe(p);
    expect(f.length).toBe(p + 3 + 1);
    expect(f.ids.length).toBe(f.length);
    expect(Array.from(f.ids.slice(p))).toEqual([72, 105, 33, tok.endOfTextId]);
    expect(Array.from(f.lossMask.slice(0, p)).every((m) => m === 0)).toBe(true);
    expect(Array.from(f.lossMask.slice(p))).toEqual([1, 1, 1, 1]);
    expect(tok.decode(f.ids)).toBe(formatPrompt(ex) + 'Hi!<|endoftext|>');
  });

  it('can count the prompt too', () => {
    const f = formatInstruction(tok, { instruction: 'a', output: 'b' }, { includePrompt: true });
    expect(Array.from(f.lossMask).every((m) => m === 1)).toBe(true);
  });

  it('pads with <|pad|> (mask 0) and cuts the end to a context length', () => {
    const ex = { instruction: 'a', output: 'bc' };
    const n = enc(formatPrompt(ex)) + 3;
    const padded = formatInstruction(tok, ex, { contextLength: n + 4 });
    expect(padded.length).toBe(n);
    expect(Array.from(padded.ids.slice(n))).toEqual([tok.padId, tok.padId, tok.padId, tok.padId]);
    expect(Array.from(padded.lossMask.slice(n - 3))).toEqual([1, 1, 1, 0, 0, 0, 0]);
    expect(padded.truncated).toBe(false);
    const cut = formatInstruction(tok, ex, { contextLength: n - 2 });
    expect(cut.truncated).toBe(true);
    expect(cut.ids[n - 3]).toBe(98); // 'b' survives, 'c' and <|endoftext|> are cut
    expect(cut.lossMask.reduce((s, m) => s + m, 0)).toBe(1);
    expect(() => formatInstruction(tok, ex, { contextLength: 0 })).toThrow('contextLength must be a positive integer');
  });
});

describe('classification example', () => {
  it('closes the text with <|endoftext|>, pads, and points at it', () => {
    const c = formatClassification(tok, 'win $$$', 10);
    expect(Array.from(c.ids)).toEqual([119, 105, 110, 32, 36, 36, 36, tok.endOfTextId, tok.padId, tok.padId]);
    expect(c.lastIndex).toBe(7);
    expect(c.truncated).toBe(false);
  });

  it('cuts a long text but keeps the closing <|endoftext|>; an empty text still has one token', () => {
    const c = formatClassification(tok, 'abcdefgh', 4);
    expect(Array.from(c.ids)).toEqual([97, 98, 99, tok.endOfTextId]);
    expect(c.lastIndex).toBe(3);
    expect(c.truncated).toBe(true);
    const e = formatClassification(tok, '', 3);
    expect(Array.from(e.ids)).toEqual([tok.endOfTextId, tok.padId, tok.padId]);
    expect(e.lastIndex).toBe(0);
  });
});
