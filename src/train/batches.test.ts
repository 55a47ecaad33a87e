import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random.ts';
import {
  chunks,
  classificationBatch,
  countValidationBatches,
  instructionBatch,
  instructionLengths,
  randomLMBatch,
  shuffledOrder,
  stackRows,
  validationLMBatches,
} from './batches.ts';

// A stream whose token at position i is 100 + i, so every value says where it came from.
const stream = Int32Array.from({ length: 50 }, (_, i) => 100 + i);
const PAD = 999;

describe('pretraining batches', () => {
  it('takes windows of T+1 tokens: targets are inputs shifted by one', () => {
    const b = randomLMBatch(stream, 4, 8, mulberry32(1));
    expect(b.inputs.length).toBe(32);
    for (let r = 0; r < 4; r++) {
      const start = b.inputs[r * 8] - 100;
      expect(start).toBeGreaterThanOrEqual(0);
      expect(start).toBeLessThanOrEqual(50 - 9);
      for (let t = 0; t < 8; t++) {
        expect(b.inputs[r * 8 + t]).toBe(100 + start + t);
        expect(b.targets[r * 8 + t]).toBe(100 + start + t + 1);
      }
    }
    expect(Array.from(b.mask).every((m) => m === 1)).toBe(true);
  });

  it('is reproducible from the seed and reaches both ends of the stream', () => {
    expect(randomLMBatch(stream, 4, 8, mulberry32(5)).inputs).toEqual(randomLMBatch(stream, 4, 8, mulberry32(5)).inputs);
    expect(randomLMBatch(stream, 4, 8, mulberry32(5)).inputs).not.toEqual(randomLMBatch(stream, 4, 8, mulberry32(6)).inputs);
    const rand = mulberry32(2);
    const starts = new Set<number>();
    for (let i = 0; i < 400; i++) starts.add(randomLMBatch(stream, 1, 8, rand).inputs[0] - 100);
    expect(Math.min(...starts)).toBe(0);
    expect(Math.max(...starts)).toBe(41); // last window: tokens 41..49
    expect(starts.size).toBe(42);
  });

  it('refuses a stream shorter than one window', () => {
    expect(() => randomLMBatch(stream.slice(0, 8), 1, 8, mulberry32(1))).toThrow('token stream has 8 tokens; a window needs T+1 = 9');
  });

  it('validation walks the stream in order, each target once, padding the last batch', () => {
    // 50 tokens, T = 8: windows at 0, 8, ..., 40 (6 windows, targets 1..48); B = 4 -> 2 batches
    const batches = [...validationLMBatches(stream, 4, 8, PAD)];
    expect(batches).toHaveLength(2);
    expect(countValidationBatches(50, 4, 8)).toBe(2);
    const targets: number[] = [];
    for (const b of batches) b.targets.forEach((x, i) => b.mask[i] && targets.push(x - 100));
    expect(targets).toEqual(Array.from({ length: 48 }, (_, i) => i + 1));
    const last = batches[1];
    expect(last.inputs[8]).toBe(140);
    expect(Array.from(last.inputs.slice(16))).toEqual(new Array(16).fill(PAD));
    expect(Array.from(last.mask.slice(16)).every((m) => m === 0)).toBe(true);
    expect([...validationLMBatches(stream, 4, 8, PAD)][1].inputs).toEqual(last.inputs);
  });
});

describe('stackRows', () => {
  it('puts the rows of batches of one length under each other, in order, masks included; refuses mixed lengths', () => {
    const a = randomLMBatch(stream, 2, 4, mulberry32(1));
    const b = { B: 1, T: 4, inputs: Int32Array.from([1, 2, 3, 4]), targets: Int32Array.from([2, 3, 4, 5]), mask: Float32Array.from([0, 1, 1, 0]) };
    const s = stackRows(a, b);
    expect([s.B, s.T]).toEqual([3, 4]);
    expect([...s.inputs]).toEqual([...a.inputs, 1, 2, 3, 4]);
    expect([...s.targets]).toEqual([...a.targets, 2, 3, 4, 5]);
    expect([...s.mask]).toEqual([...a.mask, 0, 1, 1, 0]);
    expect(() => stackRows(a, randomLMBatch(stream, 1, 5, mulberry32(2)))).toThrow('stackRows: the batches must have one length, got 4, 5');
  });
});

describe('finetuning batches', () => {
  it('shuffles reproducibly and completely', () => {
    const a = shuffledOrder(10, mulberry32(3));
    expect(Array.from(a).sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(a).toEqual(shuffledOrder(10, mulberry32(3)));
    expect(a).not.toEqual(Int32Array.from({ length: 10 }, (_, i) => i));
    expect([...chunks(a, 4)].map((c) => c.length)).toEqual([4, 4, 2]);
    expect([...chunks(a, 4)].flat()).toEqual(Array.from(a));
  });

  it('instruction batch shifts ids and takes the mask of the target token', () => {
    // ids: prompt 1 2 3 | response 4 5 | pad; lossMask marks 4, 5
    const ex = { ids: Int32Array.from([1, 2, 3, 4, 5, PAD]), lossMask: Uint8Array.from([0, 0, 0, 1, 1, 0]) };
    const short = { ids: Int32Array.from([7, 8]), lossMask: Uint8Array.from([0, 1]) };
    const b = instructionBatch([ex, short], [1, 0], 3, 5, PAD);
    expect(Array.from(b.inputs)).toEqual([7, 8, PAD, PAD, PAD, 1, 2, 3, 4, 5, PAD, PAD, PAD, PAD, PAD]);
    expect(Array.from(b.targets)).toEqual([8, PAD, PAD, PAD, PAD, 2, 3, 4, 5, PAD, PAD, PAD, PAD, PAD, PAD]);
    expect(Array.from(b.mask)).toEqual([1, 0, 0, 0, 0, 0, 0, 1, 1, 0, 0, 0, 0, 0, 0]);
    expect(() => instructionBatch([ex], [0], 1, 4, PAD)).toThrow('example 0 has 6 tokens; format it with contextLength T+1 = 5');
    expect(() => instructionBatch([ex], [0, 0], 1, 5, PAD)).toThrow('2 examples do not fit a batch of 1');
  });

  it('with shorter lengths, takes the fewest columns that hold the longest example, and the same values in them', () => {
    const long = { ids: Int32Array.from([1, 2, 3, 4, 5, 6]), lossMask: Uint8Array.from([0, 0, 1, 1, 1, 1]) }; // 5 input positions
    const short = { ids: Int32Array.from([7, 8, 9]), lossMask: Uint8Array.from([0, 1, 1]) }; // 2
    const full = instructionBatch([long, short], [1, 0], 2, 8, PAD);
    const cut = (rows: number[], lengths: number[]) => instructionBatch([long, short], rows, 2, 8, PAD, lengths);
    expect(cut([1], [2, 4, 6]).T).toBe(2);
    expect(cut([1, 0], [2, 4, 6]).T).toBe(6);
    expect(cut([1, 0], [2, 4]).T).toBe(8); // no shorter length holds 5 positions
    // an example padded to the context (as prompt.ts formats them) counts its tokens before the padding
    const padded = { ids: Int32Array.from([7, 8, 9, PAD, PAD, PAD, PAD, PAD, PAD]), lossMask: Uint8Array.from([0, 1, 1, 0, 0, 0, 0, 0, 0]), length: 3 };
    expect(instructionBatch([padded], [0], 2, 8, PAD, [2, 4, 6]).T).toBe(2);
    const b = cut([1, 0], [6]);
    for (const k of ['inputs', 'targets', 'mask'] as const) {
      expect(Array.from(b[k])).toEqual([0, 1].flatMap((r) => Array.from(full[k].slice(r * 8, r * 8 + 6))));
      // what was cut never counted
      expect([0, 1].flatMap((r) => Array.from(full.mask.slice(r * 8 + 6, r * 8 + 8)))).toEqual([0, 0, 0, 0]);
    }
  });

  it('offers quarters of the context, in multiples of 8, as the shorter lengths', () => {
    expect(instructionLengths(128)).toEqual([32, 64, 96]);
    expect(instructionLengths(32)).toEqual([8, 16, 24]);
    expect(instructionLengths(20)).toEqual([8, 16]);
    expect(instructionLengths(8)).toEqual([]);
  });

  it('classification batch carries ids, read positions, labels and real-row flags', () => {
    const exs = [
      { ids: Int32Array.from([5, 6, 1, PAD]), lastIndex: 2 },
      { ids: Int32Array.from([9, 1, PAD, PAD]), lastIndex: 1 },
    ];
    const b = classificationBatch(exs, [1, 0], [1, 0], 3, 4, PAD);
    expect(Array.from(b.inputs)).toEqual([9, 1, PAD, PAD, 5, 6, 1, PAD, PAD, PAD, PAD, PAD]);
    expect(Array.from(b.lastIndex)).toEqual([1, 2, 0]);
    expect(Array.from(b.labels)).toEqual([0, 1, 0]);
    expect(Array.from(b.rowMask)).toEqual([1, 1, 0]);
    expect(() => classificationBatch(exs, [1, 0], [2], 3, 4, PAD)).toThrow('example 2 does not exist (2 examples)');
    expect(() => classificationBatch([{ ids: exs[0].ids, lastIndex: 4 }], [0], [0], 1, 4, PAD)).toThrow('example 0: lastIndex 4 is outside its 4 tokens');
  });
});
