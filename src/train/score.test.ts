// The CPU side of scoring: the format rules, the graded part of a response, the held-out sample
// taking families in turn, and the prompted baseline's cut that keeps the question in the context.
import { describe, expect, it } from 'vitest';
import type { InstructRecord } from '../data/types.ts';
import { answerPart, followsFormat, heldOutRecords, PROMPTED_QUESTION, promptedIds } from './score.ts';
import { trainBPE } from './tokenizer-train.ts';

describe('followsFormat', () => {
  it('accepts a non-empty response that ended with end-of-text', () => {
    expect(followsFormat('hot', true)).toEqual({ followed: true });
    expect(followsFormat('  The dog ran.\n', true)).toEqual({ followed: true });
  });

  it('names the first rule broken: empty, then a new instruction, then no end', () => {
    expect(followsFormat('', true)).toEqual({ followed: false, reason: 'empty' });
    expect(followsFormat(' \n\t', false)).toEqual({ followed: false, reason: 'empty' });
    expect(followsFormat('cold\n\n### Instruction:\nDefine', true)).toEqual({ followed: false, reason: 'new-instruction' });
    // Running on without an end and into a new instruction: the header is the reason given.
    expect(followsFormat('cold\n\n### Instruction:\nDefine', false)).toEqual({ followed: false, reason: 'new-instruction' });
    expect(followsFormat('cold ### Response:', true).reason).toBe('new-instruction');
    expect(followsFormat('cold and warm and', false)).toEqual({ followed: false, reason: 'no-end' });
    // "###" alone, or a header-like word without the template's exact header, is not a new instruction.
    expect(followsFormat('### instructions', true)).toEqual({ followed: true });
  });
});

describe('answerPart', () => {
  it('grades the text before the first template header, trimmed', () => {
    expect(answerPart(' hot \n\n### Instruction:\nGive')).toBe('hot');
    expect(answerPart('a ### Input:\nb ### Instruction:')).toBe('a');
    expect(answerPart('  no header  ')).toBe('no header');
    expect(answerPart('### Response:\nx')).toBe('');
  });
});

describe('heldOutRecords', () => {
  const rec = (task: string, i: number, split: InstructRecord['split'] = 'test'): InstructRecord => ({ task, split, instruction: `${task} ${i}`, output: 'x' });
  const records = [rec('define', 1), rec('define', 2), rec('define', 3), rec('define', 9, 'train'), rec('antonym', 1), rec('spam', 1), rec('spam', 2)];

  it('takes the families in turn, in file order within each, from one split', () => {
    expect(heldOutRecords(records, 'test', 4).map((r) => r.instruction)).toEqual(['define 1', 'antonym 1', 'spam 1', 'define 2']);
    expect(heldOutRecords(records, 'test').map((r) => r.instruction)).toEqual(['define 1', 'antonym 1', 'spam 1', 'define 2', 'spam 2', 'define 3']);
    expect(heldOutRecords(records, 'train').map((r) => r.instruction)).toEqual(['define 9']);
    expect(heldOutRecords(records, 'val')).toEqual([]);
  });
});

describe('promptedIds', () => {
  const tok = trainBPE('Is this message spam or ham? Answer: buy cheap pills now, the meeting is at noon. '.repeat(6), { vocabSize: 300 });
  const msg = 'Buy cheap pills now! Limited offer for the meeting at noon, reply today.';

  it('keeps the whole message when it fits, ending with the question', () => {
    const p = promptedIds(tok, msg, PROMPTED_QUESTION, 200);
    expect(p.truncated).toBe(false);
    expect(tok.decode(p.ids)).toBe(msg + PROMPTED_QUESTION);
  });

  it('cuts the message, never the question, to fit the room', () => {
    const q = tok.encode(PROMPTED_QUESTION).length;
    const room = q + 5;
    const p = promptedIds(tok, msg, PROMPTED_QUESTION, room);
    expect(p.truncated).toBe(true);
    expect(p.ids.length).toBeLessThanOrEqual(room);
    expect(p.ids.length).toBeGreaterThan(q);
    const text = tok.decode(p.ids);
    expect(text.endsWith(PROMPTED_QUESTION)).toBe(true);
    expect(msg.startsWith(text.slice(0, -PROMPTED_QUESTION.length))).toBe(true);
    expect(() => promptedIds(tok, msg, PROMPTED_QUESTION, q - 1)).toThrow(/question alone \(\d+ tokens\) does not fit the \d+-token context/);
  });
});
