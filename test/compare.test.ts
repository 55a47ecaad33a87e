import { describe, expect, it } from 'vitest';
import { coordsOf, expectAllClose } from './compare.ts';

describe('expectAllClose', () => {
  it('names the first mismatch with its coordinates', () => {
    const want = new Float32Array([0, 1, 2, 3, 4, 5]);
    const got = new Float32Array([0, 1, 2, 3, 4.5, 5]);
    expect(() => expectAllClose('t', got, want, [2, 3])).toThrow(/\[1,1\] \(flat 4\)/);
  });
  it('accepts values within atol + rtol*|ref| and returns the largest error', () => {
    const want = new Float32Array([100, -1]);
    const got = new Float32Array([100.009, -1.00001]);
    expect(expectAllClose('t', got, want, [2], { atol: 1e-4, rtol: 1e-4 })).toBeCloseTo(0.009, 4);
  });
  it('rejects NaN', () => {
    expect(() => expectAllClose('t', [NaN], [1], [1])).toThrow(/mismatch/);
  });
  it('maps flat indices to row-major coordinates', () => {
    expect(coordsOf(23, [2, 3, 4])).toEqual([1, 2, 3]);
  });
});
