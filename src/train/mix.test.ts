import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../util/random.ts';
import { mixedLMSource } from './mix.ts';
import { lmSource } from './sources.ts';

// Two streams told apart by their ids: Brown tokens below 100, biography tokens 500 and up.
const brown = Int32Array.from({ length: 2000 }, (_, i) => i % 100);
const bios = Int32Array.from({ length: 800 }, (_, i) => 500 + (i % 50));
const B = 8;
const T = 16;

describe('mixedLMSource', () => {
  it('draws about `mix` of the rows from the biographies, each row whole from one stream', () => {
    const src = mixedLMSource(brown, bios, brown, B, T, 0, 0.8);
    let bioRows = 0;
    let rows = 0;
    for (let step = 0; step < 200; step++) {
      const b = src.train(mulberry32(step));
      for (let r = 0; r < B; r++) {
        const row = Array.from(b.inputs.subarray(r * T, (r + 1) * T));
        const fromBios = row.every((t) => t >= 500);
        expect(fromBios || row.every((t) => t < 100)).toBe(true);
        // targets are the next tokens of the same window
        expect(b.targets[r * T]).toBe(row[1]);
        if (fromBios) bioRows++;
        rows++;
      }
    }
    expect(bioRows / rows).toBeGreaterThan(0.76);
    expect(bioRows / rows).toBeLessThan(0.84);
  });

  it('is deterministic in its generator, and at mix 0 gives exactly the Brown-only batches', () => {
    const a = mixedLMSource(brown, bios, brown, B, T, 0, 0.5).train(mulberry32(3));
    const b = mixedLMSource(brown, bios, brown, B, T, 0, 0.5).train(mulberry32(3));
    expect(a.inputs).toEqual(b.inputs);
    const zero = mixedLMSource(brown, [], brown, B, T, 0, 0).train(mulberry32(9));
    expect(zero.inputs).toEqual(lmSource(brown, brown, B, T, 0).train(mulberry32(9)).inputs);
  });

  it('refuses a mix outside [0, 1] and biographies too short for a window', () => {
    expect(() => mixedLMSource(brown, bios, brown, B, T, 0, 1.5)).toThrow(/between 0 and 1/);
    expect(() => mixedLMSource(brown, [1, 2], brown, B, T, 0, 0.5)).toThrow(/window/);
  });
});
