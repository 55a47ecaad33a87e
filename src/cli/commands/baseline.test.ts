import { afterEach, describe, expect, it, vi } from 'vitest';
import { CliError } from '../io.ts';
import { run } from './baseline.ts';

const base = { checkpoint: 'public/models/base-test.safetensors', data: 'public/datasets/spam-balanced.jsonl', ngram: 1, epochs: 3, lr: 0.05, l2: 1e-5, seed: 1337, everyday: 'public/datasets/spam-everyday.jsonl', top: 5 };

describe('lab baseline', () => {
  afterEach(() => vi.restoreAllMocks());

  it('fits the shipped spam set as the classifier reads it and prints the test report', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((s: string) => void out.push(s));
    vi.spyOn(console, 'error').mockImplementation(() => {});
    await run(base);
    const report = out.join('\n');
    const test = Number(/test set: accuracy ([\d.]+)% on 686 examples/.exec(report)?.[1]);
    // Word counts alone separate most of this set: far above the 50% of a guess on the balanced split.
    expect(test).toBeGreaterThan(80);
    expect(report).toMatch(/spam\s+precision [\d.]+%\s+recall [\d.]+%/);
    // The second test split, written for the lab, and the shortcut report: five features per class.
    expect(report).toMatch(/everyday messages \(public\/datasets\/spam-everyday\.jsonl\): accuracy [\d.]+% on 48 examples/);
    const toSpam = report.split('shortcuts toward spam')[1]?.split('\n').slice(1).filter((l) => /^\s+[+-]\d/.test(l));
    expect(toSpam).toHaveLength(5);
    expect(toSpam?.[0]).toMatch(/^\s+\+\d\.\d\d {2}".+" +in \d+ ham, \d+ spam$/);
  }, 60_000);

  it('refuses bad settings and names the option', async () => {
    await expect(run({ ...base, ngram: 3 })).rejects.toThrow(CliError);
    await expect(run({ ...base, ngram: 3 })).rejects.toThrow(/--ngram must be 1 or 2/);
    await expect(run({ ...base, lr: 0 })).rejects.toThrow(/--lr must be positive/);
    await expect(run({ ...base, data: 'nope.jsonl' })).rejects.toThrow(/nope\.jsonl/);
  });
});
