// The committed datasets are exactly what the builder makes now: rebuild in memory and compare
// every file byte for byte, and check the whole set stays under the 20 MB budget.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildDatasets, OUT_DIR } from './build.ts';

describe('npm run datasets', () => {
  it('rebuilds every committed file byte-identical, and writes no other file', () => {
    const t0 = performance.now();
    const built = buildDatasets();
    const ms = performance.now() - t0;
    console.log(`datasets rebuilt in ${(ms / 1000).toFixed(1)} s`);
    const committed = readdirSync(OUT_DIR).sort();
    expect([...built.keys()].sort()).toEqual(committed);
    for (const [name, body] of built) {
      const onDisk = readFileSync(join(OUT_DIR, name));
      const fresh = Buffer.from(body, 'utf8');
      expect(fresh.length, `${name} length`).toBe(onDisk.length);
      expect(fresh.equals(onDisk), `${name} bytes`).toBe(true);
    }
  });

  it('keeps the committed dataset files under 20 MB in all', () => {
    const total = readdirSync(OUT_DIR).reduce((s, f) => s + statSync(join(OUT_DIR, f)).size, 0);
    expect(total).toBeGreaterThan(5_000_000); // the whole Brown corpus alone is ~6 MB
    expect(total).toBeLessThan(20 * 1024 * 1024);
  });
});
