import { describe, expect, it } from 'vitest';
import { layoutArena, tensorTable } from '../gpu/arena.ts';
import { gradnorm } from './gradnorm.ref.ts';

describe('gradnorm reference', () => {
  const layout = layoutArena('grads', [
    { name: 'a', shape: [2] },
    { name: 'frozen', shape: [1], frozen: true },
    { name: 'b', shape: [1] },
  ], 16);
  const grads = new Float64Array(layout.totalFloats).fill(100); // padding and frozen: must not count
  const [a, , b] = layout.tensors.map((t) => t.offset);
  [grads[a], grads[a + 1], grads[b]] = [3, 4, 12];

  it('is the L2 norm over the trained tensors only (3, 4, 12 -> 13)', () => {
    const g = new Float64Array(2);
    gradnorm(g, grads, tensorTable(layout), 0);
    expect([...g]).toEqual([13, 1]);
  });

  it('clips to max_norm as PyTorch does, and never scales up', () => {
    const g = new Float64Array(2);
    gradnorm(g, grads, tensorTable(layout), 1);
    expect(g[1]).toBeCloseTo(1 / (13 + 1e-6), 15);
    gradnorm(g, grads, tensorTable(layout), 20);
    expect(g[1]).toBe(1);
  });
});
