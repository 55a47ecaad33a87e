// The lesson-3 drawing is the truth: for real records of the built-in set and the lab tokenizer,
// the tokens drawn as counted are exactly the targets the trainer's batcher puts in the loss,
// with masking on and off; the stages drawings count every token (pretraining) or none (classification).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseBuiltinInstruct } from '../../data/builtin.ts';
import { instructionBatch } from '../../train/batches.ts';
import { formatInstruction } from '../../train/prompt.ts';
import { loadTokenizer } from '../../train/tokenizer-json.ts';
import { formatInstructionSet } from '../../train/sources.ts';
import { drawClassification, drawInstruction, drawPretrain, responseFits } from './instructTokens.ts';

const tok = loadTokenizer(readFileSync('public/models/tokenizer.json', 'utf8'), 'tokenizer.json');
const parsed = parseBuiltinInstruct('instruct.jsonl', readFileSync('public/datasets/instruct.jsonl', 'utf8'));
if (!parsed.ok) throw new Error('instruct.jsonl did not parse');
const records = parsed.value.filter((_r, i) => i % 250 === 0);

describe('drawInstruction', () => {
  for (const T of [32, 128]) {
    for (const mask of [true, false]) {
      it(`counts exactly the batcher's targets (T=${T}, mask ${mask})`, () => {
        for (const rec of records) {
          const d = drawInstruction(tok, rec, T, mask);
          const f = formatInstruction(tok, rec, { contextLength: T + 1, includePrompt: !mask });
          const b = instructionBatch([f], [0], 1, T, tok.padId);
          expect(d.tokens).toHaveLength(T + 1);
          // target of position t is token t+1: the drawing's counted flags shifted by one are the batch mask
          expect(d.tokens.slice(1).map((t) => (t.counted ? 1 : 0))).toEqual(Array.from(b.mask));
          expect(d.tokens.filter((t) => t.role === 'pad').every((t) => !t.counted)).toBe(true);
          if (mask) expect(d.tokens.filter((t) => t.role === 'prompt').some((t) => t.counted)).toBe(false);
          else expect(d.tokens.slice(1).filter((t) => t.role === 'prompt').every((t) => t.counted)).toBe(true);
        }
      });
    }
  }

  it('ends the response with a counted end-of-text when it fits, and the template text shows it', () => {
    const rec = records.find((r) => !r.input)!;
    const d = drawInstruction(tok, rec, 128, true);
    const end = d.tokens.findIndex((t) => t.role === 'end');
    expect(end).toBeGreaterThan(0);
    expect(d.tokens[end].counted).toBe(true);
    expect(d.tokens[end + 1].role).toBe('pad');
    expect(d.text.endsWith(`${rec.output}<|endoftext|>`)).toBe(true);
    expect(d.text.startsWith('### Instruction:\n')).toBe(true);
  });
});

describe('responseFits', () => {
  it('keeps exactly the records the trainer keeps', () => {
    const train = parsed.value.filter((r) => r.split === 'train');
    for (const T of [32, 128]) {
      const kept = train.filter((r) => responseFits(tok, r, T)).length;
      const set = formatInstructionSet(tok, train, T, true);
      expect(kept).toBe(set.examples.length);
      expect(train.length - kept).toBe(set.dropped);
    }
  });
});

describe('stage drawings', () => {
  it('pretraining counts every token but the first; classification counts none and reads the class at the end', () => {
    const p = drawPretrain(tok, 'The jury said it did find that the city', 8);
    expect(p).toHaveLength(8);
    expect(p.map((t) => t.counted)).toEqual([false, true, true, true, true, true, true, true]);
    const c = drawClassification(tok, 'Win a free prize now', 32);
    expect(c.some((t) => t.counted)).toBe(false);
    expect(c.at(-1)).toMatchObject({ role: 'label', id: tok.endOfTextId });
    expect(c.filter((t) => t.role === 'label')).toHaveLength(1);
  });
});
