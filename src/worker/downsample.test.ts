import { describe, expect, it } from 'vitest';
import { appendCapped, thin } from './downsample.ts';

const range = (n: number) => Array.from({ length: n }, (_, i) => i);

describe('downsampling metric series', () => {
  it('thin keeps short series whole and long ones to at most max points, first and last included', () => {
    expect(thin(range(5), 10)).toEqual(range(5));
    const t = thin(range(1001), 100);
    expect(t.length).toBeLessThanOrEqual(100);
    expect(t.length).toBeGreaterThan(50);
    expect(t[0]).toBe(0);
    expect(t.at(-1)).toBe(1000);
    // evenly spaced: every gap but the last is the same stride
    const gaps = t.slice(1, -1).map((x, i) => x - t[i]);
    expect(new Set(gaps).size).toBe(1);
  });

  it('appendCapped never exceeds max, keeps the newest point and halves density in one go', () => {
    let s: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      s = appendCapped(s, [i], 500);
      expect(s.length).toBeLessThanOrEqual(500);
      expect(s.at(-1)).toBe(i);
    }
    expect(s[0]).toBe(0);
    expect(s.length).toBeGreaterThan(250);
    // strictly increasing: no point duplicated or reordered
    expect(s.every((x, i) => i === 0 || x > s[i - 1])).toBe(true);
    expect(appendCapped([1, 2, 3], [4, 5], 10)).toEqual([1, 2, 3, 4, 5]);
  });
});
