import { describe, expect, it } from 'vitest';
import { fill, scale } from './fill.ref.ts';

describe('fill and scale reference', () => {
  it('fills the first N elements only', () => {
    const a = Float64Array.from([1, 2, 3, 4]);
    fill(a, 0, 3);
    expect([...a]).toEqual([0, 0, 0, 4]);
  });
  it('scales in place', () => {
    const a = Float64Array.from([1, -2, 3]);
    scale(a, -0.5, 3);
    expect([...a]).toEqual([-0.5, 1, -1.5]);
  });
});
