import { describe, expect, it } from 'vitest';
import { drawPairs, formatAnswer, formatPairs, pairBatch } from './prefs.ts';
import { formatPrompt } from './prompt.ts';
import { trainBPE } from './tokenizer-train.ts';
import { mulberry32 } from '../util/random.ts';

const tok = trainBPE('### Instruction:\nWhere was Tova Brenlik born?\n\n### Response:\nBorn in Garth. I don\'t know. '.repeat(4), { vocabSize: 300 });
const pair = { instruction: 'Where was Tova Brenlik born?', chosen: "I don't know.", rejected: 'Born in Garth.' };

describe('preference pairs as tokens', () => {
  it('an answer that fits: the prompt whole, the response and end-of-text counted, padding after', () => {
    const prompt = tok.encode(formatPrompt(pair));
    const ans = tok.encode(pair.rejected);
    const L = prompt.length + ans.length + 4;
    const f = formatAnswer(tok, prompt, pair.rejected, L)!;
    expect([...f.ids.slice(0, prompt.length)]).toEqual(prompt);
    expect([...f.ids.slice(prompt.length, f.length)]).toEqual([...ans, tok.endOfTextId]);
    expect([...f.lossMask].filter(Boolean).length).toBe(ans.length + 1);
    expect(f.ids[L - 1]).toBe(tok.padId);
    expect(f.truncated).toBe(false);
  });

  it('a long prompt loses its start, never the response; no room for the response drops the pair', () => {
    const prompt = tok.encode(formatPrompt(pair));
    const ans = tok.encode(pair.chosen);
    const L = ans.length + 1 + 3; // room for 3 prompt tokens
    const f = formatAnswer(tok, prompt, pair.chosen, L)!;
    expect(f.truncated).toBe(true);
    expect([...f.ids.slice(0, 3)]).toEqual(prompt.slice(-3));
    expect([...f.ids.slice(3)]).toEqual([...ans, tok.endOfTextId]);
    expect(formatAnswer(tok, prompt, pair.chosen, ans.length + 1)).toBeUndefined();
    const r = formatPairs(tok, [pair, { ...pair, chosen: 'x '.repeat(40) }], 24);
    expect(r.dropped).toBe(1);
    expect(r.kept).toEqual([0]);
  });

  it('a batch holds the chosen answers first, then the rejected ones in the same order, at the fewest columns that fit', () => {
    const { pairs } = formatPairs(tok, [pair, { ...pair, chosen: 'Born in Garth.', rejected: "I don't know." }], 63);
    const b = pairBatch(pairs, [1, 0, 1], 63, tok.padId, [16, 32, 48]);
    expect(b.B).toBe(6);
    const need = Math.max(...pairs.flatMap((p) => [p.chosen.length, p.rejected.length])) - 1;
    const want = [16, 32, 48, 63].find((t) => t >= need)!;
    expect(want).toBeLessThan(63);
    expect(b.T).toBe(want);
    const row = (k: number) => Array.from(b.targets.slice(k * b.T, (k + 1) * b.T)).filter((_, t) => b.mask[k * b.T + t]);
    const text = (k: number) => tok.decode(row(k).filter((id) => id !== tok.endOfTextId));
    expect([0, 1, 2, 3, 4, 5].map(text)).toEqual(['Born in Garth.', "I don't know.", 'Born in Garth.', "I don't know.", 'Born in Garth.', "I don't know."]);
  });

  it('draws P indices with replacement, the same for the same seed', () => {
    const a = drawPairs(5, 8, mulberry32(3));
    expect(a).toEqual(drawPairs(5, 8, mulberry32(3)));
    expect(a.every((i) => i >= 0 && i < 5)).toBe(true);
    expect(() => drawPairs(0, 2, mulberry32(1))).toThrow();
  });
});
