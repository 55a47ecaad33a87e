import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random.ts';
import { classificationSource, formatClassSet, formatInstructionSet, instructionSource } from './sources.ts';
import { trainBPE } from './tokenizer-train.ts';

const tok = trainBPE('the cat sat on the mat. buy cheap pills now! free money, click here. '.repeat(8), { vocabSize: 300 });

describe('classification source', () => {
  // Texts of different lengths, so an example is recognisable by where its end-of-text falls.
  const items = Array.from({ length: 7 }, (_, i) => ({ text: ' mat'.repeat(i + 1), label: i % 2 }));
  const set = formatClassSet(tok, items, 12);

  it('reads each text at its closing end-of-text, or at position 0 for the first-token experiment', () => {
    for (const ex of set.examples) expect(ex.ids[ex.lastIndex]).toBe(tok.endOfTextId);
    expect(set.examples[2].lastIndex).toBe(tok.encode(' mat mat mat').length);
    expect(formatClassSet(tok, items, 12, 'first').examples.every((e) => e.lastIndex === 0)).toBe(true);
    expect(Array.from(set.labels)).toEqual([0, 1, 0, 1, 0, 1, 0]);
  });

  it('an epoch visits every training example once, shuffled by seed and epoch; the last batch is padded', () => {
    const src = classificationSource(set, set, set, 3, 12, tok.padId, 5);
    expect(src.batchesPerEpoch).toBe(3);
    const e0 = [...src.epoch(0)];
    expect(e0).toHaveLength(3);
    expect(Array.from(e0[2].rowMask)).toEqual([1, 0, 0]);
    const visited = (e: number) => [...src.epoch(e)].flatMap((b) => Array.from(b.lastIndex).filter((_, r) => b.rowMask[r]));
    const all = set.examples.map((x) => x.lastIndex);
    expect(new Set(all).size).toBe(7);
    expect([...visited(0)].sort((a, b) => a - b)).toEqual([...all].sort((a, b) => a - b));
    expect([1, 2, 3].some((e) => visited(e).join() !== visited(0).join())).toBe(true); // epochs are shuffled differently
    // labels travel with their example
    for (const b of e0) b.lastIndex.forEach((li, r) => b.rowMask[r] && expect(b.labels[r]).toBe(set.labels[all.indexOf(li)]));
    expect([...src.validation()].map((b) => Array.from(b.labels))).toEqual([[0, 1, 0], [1, 0, 1], [0, 0, 0]]);
  });
});

describe('instruction source', () => {
  const records = [
    { instruction: 'Say hi.', output: 'the cat' },
    { instruction: 'Name a pet.', input: 'cat or mat', output: 'cat' },
  ];

  it('masks the prompt out of the loss only when asked, and drops examples whose response is cut away', () => {
    const T = 70;
    const masked = formatInstructionSet(tok, records, T, true);
    const full = formatInstructionSet(tok, records, T, false);
    expect(masked.dropped).toBe(0);
    const b = instructionSource(masked.examples, masked.examples, 2, T, tok.padId).train(mulberry32(1));
    const bf = instructionSource(full.examples, full.examples, 2, T, tok.padId).train(mulberry32(1));
    const counted = (m: Float32Array) => m.reduce((a, x) => a + x, 0);
    // Same rows drawn with the same seed; masked counts only response tokens (+ end-of-text).
    const rows = [0, 1].map((r) => masked.examples.findIndex((e) => e.ids[0] === b.inputs[r * T] && e.ids[1] === b.inputs[r * T + 1]));
    const want = rows.reduce((s, e) => s + (masked.examples[e].length - masked.examples[e].promptLength), 0);
    expect(counted(b.mask)).toBe(want);
    expect(counted(bf.mask)).toBeGreaterThan(counted(b.mask));
    // A context too short for any response token: the example is dropped and counted.
    const short = formatInstructionSet(tok, records, 30, true);
    expect(short.dropped).toBe(2);
    expect(() => instructionSource(short.examples, [], 2, 30, tok.padId)).toThrow(/no training examples/);
  });
});
