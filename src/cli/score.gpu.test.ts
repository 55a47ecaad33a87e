// `lab score` and `lab eval --prompted` end to end on Dawn: a random test-preset model with the
// shipped tokenizer, a few records of the shipped sets, and the printed figures checked for sense.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PRESETS } from '../model/config.ts';
import { saveCheckpoint } from '../train/checkpoint.ts';
import { withNewTensors } from '../train/model-io.ts';
import { loadTokenizer } from '../train/tokenizer-json.ts';
import { parseOptions } from './args.ts';
import * as evaluate from './commands/eval.ts';
import * as score from './commands/score.ts';

const dir = mkdtempSync(join(tmpdir(), 'lab-score-gpu-'));
const tok = loadTokenizer(readFileSync('public/models/tokenizer.json', 'utf8'), 'public/models/tokenizer.json');
const ckpt = join(dir, 'lm.safetensors');
writeFileSync(ckpt, saveCheckpoint(withNewTensors({ config: { ...PRESETS[0].config, vocabSize: tok.vocabSize }, tokenizer: tok, weights: new Map() }, {}, 3)));

/** What the command printed on stdout (progress goes to stderr and is silenced). */
async function printed(run: () => Promise<void>): Promise<string> {
  const out: string[] = [];
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  vi.spyOn(console, 'error').mockImplementation(() => {});
  await run();
  return out.join('\n');
}
afterEach(() => vi.restoreAllMocks());

describe('lab score / eval --prompted (real kernels, shipped data)', () => {
  it('--pairs scores the people the pairs name as known in their own row: the 100 held-out people split into 60 lent and 40 in no pair', async () => {
    const text = await printed(() => score.run(parseOptions(score.spec, ['--checkpoint', ckpt, '--families', 'world-held-out', '--pairs', 'public/datasets/world-prefs.jsonl', '--max-tokens', '1', '--examples', '0'])));
    expect(text).toMatch(/on 100 test records/);
    expect(text).toMatch(/^world-held-out\s+\d+\s+40\s/m);
    expect(text).toMatch(/^world-in-pairs\s+\d+\s+60\s/m);
    // The world table's row says who it asks about.
    expect(text).toMatch(/^world-in-pairs\s+60\s.*the preference pairs named/m);
  });

  it('score prints adherence and a row per family for the records asked for', async () => {
    const text = await printed(() => score.run(parseOptions(score.spec, ['--checkpoint', ckpt, '--limit', '3', '--max-tokens', '4', '--examples', '1'])));
    expect(text).toMatch(/on 3 test records \(greedy, up to 4 new tokens/);
    const m = /^format adherence {2}(\d+\.\d)% \((\d) of 3\)/m.exec(text)!;
    expect(Number(m[1])).toBeCloseTo((100 * Number(m[2])) / 3, 1);
    // The families taken in turn: the first three of the file, one record each.
    for (const f of ['define', 'synonym', 'antonym']) expect(text).toMatch(new RegExp(`^${f}\\s+[01]\\s+1\\s`, 'm'));
    expect(text).toMatch(/^all\s+[0-3]\s+3\s/m);
    expect(text.match(/^\[define\] "Define /gm)).toHaveLength(1);
  });

  it('score interrupted with Ctrl-C reports the records done so far and lets go of the signal', async () => {
    const listeners = process.listenerCount('SIGINT');
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    // The interrupt comes as scoring starts, so the run stops before its first record.
    vi.spyOn(console, 'error').mockImplementation((line: string) => void (line.startsWith('scoring ') && process.emit('SIGINT')));
    await score.run(parseOptions(score.spec, ['--checkpoint', ckpt, '--limit', '3', '--max-tokens', '4']));
    const text = out.join('\n');
    expect(text).toMatch(/^stopped early: 0 of the 3 records were scored/m);
    expect(text).toMatch(/on 0 test records/);
    expect(text).toMatch(/^all\s+0\s+0\s+n\/a/m);
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });

  it('eval --prompted prints accuracy and a confusion matrix over the messages asked', async () => {
    const text = await printed(() => evaluate.run(parseOptions(evaluate.spec, ['--checkpoint', ckpt, '--prompted', '--limit', '6'])));
    const acc = /accuracy (\d+\.\d)% on 6 messages/.exec(text)!;
    const rows = [...text.matchAll(/^\s+(ham|spam)\s+(\d+)\s+(\d+)$/gm)].map((r) => [Number(r[2]), Number(r[3])]);
    expect(rows).toHaveLength(2);
    expect(rows.flat().reduce((a, b) => a + b, 0)).toBe(6);
    expect(Number(acc[1])).toBeCloseTo((100 * (rows[0][0] + rows[1][1])) / 6, 1);
    expect(text).toMatch(/prompted, no classifier head/);
  });
});
