// The CPU side of scoring: the format rules, the graded part of a response, the held-out sample
// taking families in turn, and the prompted baseline's cut that keeps the question in the context.
import { describe, expect, it } from 'vitest';
import type { InstructRecord } from '../data/types.ts';
import type { KVDecoder } from '../model/decoder.ts';
import { answerPart, followsFormat, heldOutRecords, pairedApart, PROMPTED_QUESTION, promptedIds, scoreInstructions } from './score.ts';
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

describe('pairedApart', () => {
  const rec = (instruction: string, task = 'world-held-out'): InstructRecord => ({ task, split: 'test', instruction, output: 'x' });
  const records = [
    rec('Where was Ada Lin born?'), rec('What does Bo Vek do for a living?'), rec('What food does Ada Linton love?'),
    rec('Where was Cy Orr born?', 'world-sft'), rec('Define the word "Bo Vek".', 'define'),
  ];

  it('moves the world questions naming any of the people to the in-pairs row, in place; other families and other people keep their row', () => {
    expect(pairedApart(records, ['Bo Vek', 'Cy Orr']).map((r) => [r.task, r.instruction])).toEqual([
      ['world-held-out', 'Where was Ada Lin born?'],
      ['world-in-pairs', 'What does Bo Vek do for a living?'],
      ['world-held-out', 'What food does Ada Linton love?'],
      ['world-in-pairs', 'Where was Cy Orr born?'],
      ['define', 'Define the word "Bo Vek".'],
    ]);
    expect(records[1].task).toBe('world-held-out');
  });

  it('keeps the records as they are without names', () => {
    expect(pairedApart(records, [])).toBe(records);
    expect(pairedApart(records)).toBe(records);
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

/**
 * A stand-in for KVDecoder that "generates" a scripted response per instruction: its logits put all
 * the weight on the script's next token. It counts the tokens it was asked for, so early stops show.
 */
function scriptedDecoder(tok: ReturnType<typeof trainBPE>, scripts: Record<string, number[]>) {
  let script: number[] = [];
  let at = 0;
  const stats = { steps: 0 };
  const next = () => {
    stats.steps++;
    const logits = new Float32Array(tok.vocabSize).fill(-30);
    logits[script[Math.min(at++, script.length - 1)]] = 30;
    return Promise.resolve(logits);
  };
  const dec = {
    maxT: 4096,
    length: 0,
    prefill(ids: readonly number[]) {
      const text = tok.decode(ids);
      const key = Object.keys(scripts).find((k) => text.includes(k))!;
      script = scripts[key];
      at = 0;
      dec.length = ids.length;
      return next();
    },
    push() {
      dec.length++;
      return next();
    },
  };
  return { dec: dec as unknown as KVDecoder, stats };
}

describe('scoreInstructions (scripted decoder)', () => {
  const tok = trainBPE('### Instruction:\nGive the opposite of "hot".\n\n### Response:\ncold the the the. Count the words. 3 '.repeat(6), { vocabSize: 300 });
  const eot = tok.endOfTextId;
  const filler = tok.encode(' the').concat(tok.encode(' the'), tok.encode(' the'), tok.encode(' the'), tok.encode(' the'), tok.encode(' the'));
  const records: InstructRecord[] = [
    { task: 'antonym', instruction: 'opposite of "hot"', output: 'cold' },
    { task: 'antonym', instruction: 'opposite of "up"', output: 'down' },
    { task: 'word_count', instruction: 'Count: a b c', output: '3' },
    { task: 'word_count', instruction: 'Count: a b', output: '2' },
    { task: 'antonym', instruction: 'opposite of "big"', output: 'small' },
  ];
  const scripts: Record<string, number[]> = {
    'opposite of "hot"': [...tok.encode(' cold'), eot], // followed, right
    'opposite of "up"': [...tok.encode('down\n\n### Instruction:\nGive'), ...filler, eot], // header, right before it
    'Count: a b c': [eot], // empty
    'Count: a b': [...tok.encode('2'), ...filler, ...filler], // never ends: graded whole, so wrong
    'opposite of "big"': [...tok.encode(' ### Response: small'), eot], // header first: nothing graded
  };

  it('counts format failures by rule and grades the part before any header', async () => {
    const { dec } = scriptedDecoder(tok, scripts);
    const s = await scoreInstructions(dec, tok, records, { maxTokens: 24, seed: 1, examples: 5 });
    expect(s.n).toBe(5);
    expect(s.formatAdherence).toBeCloseTo(1 / 5, 12);
    expect(s.failures).toEqual({ empty: 1, 'new-instruction': 2, 'no-end': 1 });
    // The scripted logits make every chosen token certain, so every answer's confidence is 1.
    expect(s.families).toEqual([{ family: 'antonym', correct: 2, total: 3, followed: 1, confidence: 1 }, { family: 'word_count', correct: 0, total: 2, followed: 0, confidence: 1 }]);
    expect(s.examples.map((e) => [e.followed, e.reason, e.correct])).toEqual([
      [true, undefined, true],
      [false, 'new-instruction', true],
      [false, 'empty', false],
      [false, 'no-end', false],
      [false, 'new-instruction', false],
    ]);
    expect(s.examples[0].response).toBe(' cold');
    expect(s.examples[3].response).toBe(`2${' the'.repeat(23)}`); // the limit's 24 tokens, no end
  });

  it('stops a response at the header it writes, with the same scores as running to the limit', async () => {
    const { dec, stats } = scriptedDecoder(tok, scripts);
    const one = [records[1]];
    const s = await scoreInstructions(dec, tok, one, { maxTokens: 40, seed: 1 });
    const upToHeader = tok.encode('down\n\n### Instruction:');
    // Stopped within a token of the header's end, not after the filler (the header may end mid-token).
    expect(stats.steps).toBeLessThanOrEqual(upToHeader.length + 1);
    expect(s.examples[0].response).toMatch(/^down\n\n### Instruction:/);
    expect(s.examples[0].response.length).toBeLessThan('down\n\n### Instruction:\nGive'.length + 1);
    expect(s.failures['new-instruction']).toBe(1);
    expect(s.families).toEqual([{ family: 'antonym', correct: 1, total: 1, followed: 0, confidence: 1 }]);
  });
});
