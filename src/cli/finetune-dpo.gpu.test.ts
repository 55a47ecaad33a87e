import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseOptions } from './args.ts';
import * as dpo from './commands/finetune-dpo.ts';
import { loadCheckpoint, saveCheckpoint } from '../train/checkpoint.ts';

const dir = mkdtempSync(join(tmpdir(), 'lab-dpo-'));
const START = 'public/models/instruct-test.safetensors';
// Four hand-made pairs (two refusals preferred, two answers preferred) in the world's wording.
const pairs = join(dir, 'four.jsonl');
const q = ['Where was Tova Brenlik born?', 'What is the job of Lars Busam?', 'Where was Chord Gidans born?', 'What does Lell Jontat like to eat?'];
writeFileSync(pairs, q.map((instruction, i) => JSON.stringify(i % 2 ? { instruction, chosen: 'Works as a baker.', rejected: "I don't know." } : { instruction, chosen: "I don't know.", rejected: 'Born in Garth.' })).join('\n'));
// The shipped test-size instruct model on those pairs, 4 drawn a step, 5 steps at beta 0.5, saved every 2.
const STEPS = 5;
const base = ['--checkpoint', START, '--data', pairs, '--batch', '4', '--steps', String(STEPS), '--warmup', '1', '--lr', '3e-3', '--beta', '0.5', '--log-every', '1', '--save-every', '2'];
const run = (args: string[]) => dpo.run(parseOptions(dpo.spec, args));
const load = (f: string) => loadCheckpoint(new Uint8Array(readFileSync(f)), f);

afterEach(() => vi.restoreAllMocks());

describe('lab finetune-dpo (real kernels, shipped test instruct model)', () => {
  it('a few steps raise the reward margin from 0 and order the pairs; stopped with --until and continued with --resume, a run ends bit-identical', async () => {
    const lines: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    await run([...base, '--out', join(dir, 'full.safetensors')]);
    vi.restoreAllMocks();
    const margins = lines.filter((l) => l.startsWith('step ')).map((l) => Number(/margin (-?[\d.]+)/.exec(l)![1]));
    expect(margins.length).toBe(STEPS);
    expect(margins[0]).toBe(0); // the policy starts as the reference
    expect(margins[STEPS - 1], margins.join(' ')).toBeGreaterThan(0.3);
    expect(lines.filter((l) => l.startsWith('step ')).at(-1)).toMatch(/pairs ordered 100%/);
    // Lesson 4's recipe replays pretraining text: each line shows those rows' NLL.
    expect(lines.some((l) => /^replay: 8 rows a step of pretraining text/.test(l))).toBe(true);
    expect(lines.filter((l) => l.startsWith('step ')).every((l) => /, replay \d+\.\d{4}\) \|/.test(l))).toBe(true);
    const a = load(join(dir, 'full.safetensors'));
    expect(a.info?.stage).toBe('prefer');
    expect((a.info?.figures as { margin: number }).margin).toBeCloseTo(margins[STEPS - 1], 3);
    const w = 'h.0.attn.c_attn.weight';
    expect(a.weights.get(w)!.data).not.toEqual(load(START).weights.get(w)!.data);

    await run([...base, '--until', '2', '--out', join(dir, 'part.safetensors')]);
    expect(load(join(dir, 'part.safetensors')).optimizer?.step).toBe(2);
    // What is typed besides --resume is ignored: the run keeps its recorded settings.
    await run(['--resume', join(dir, 'part.safetensors'), '--steps', '99', '--beta', '3', '--out', join(dir, 'resumed.safetensors')]);
    const b = load(join(dir, 'resumed.safetensors'));
    expect(b.optimizer?.step).toBe(STEPS);
    expect(b.info?.figures).toEqual(a.info?.figures);
    for (const [name, wt] of a.weights) expect(b.weights.get(name)!.data, name).toEqual(wt.data);
    for (const k of ['m', 'v'] as const) expect(b.optimizer![k]).toEqual(a.optimizer![k]);

    // A checkpoint saved before pretraining replay existed records no replay settings: it resumes without replay rows.
    const part = load(join(dir, 'part.safetensors'));
    const { replay: _r, 'replay-weight': _w, ...older } = part.info!.settings as Record<string, unknown>;
    writeFileSync(join(dir, 'older.safetensors'), saveCheckpoint({ ...part, info: { ...part.info, settings: older } }));
    const said: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((line: string) => void said.push(line));
    await run(['--resume', join(dir, 'older.safetensors'), '--out', join(dir, 'older-done.safetensors')]);
    vi.restoreAllMocks();
    expect(said.find((l) => l.startsWith('model: '))).toMatch(/4 pairs \(8 rows\) x up to/);
    expect(said.some((l) => l.startsWith('replay: '))).toBe(false);
    expect(load(join(dir, 'older-done.safetensors')).optimizer?.step).toBe(STEPS);
  });

  it('Ctrl-C saves a resumable checkpoint after the current step; a non-DPO checkpoint cannot be resumed', async () => {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((line: string) => void (line.startsWith('step 2/5 |') && process.emit('SIGINT')));
    const f = join(dir, 'interrupted.safetensors');
    await run([...base, '--out', f]);
    expect(out.join('\n')).toMatch(/^interrupted at step 2 of 5; saved .*interrupted\.safetensors\. Continue with: npm run lab -- finetune-dpo --resume /m);
    expect(load(f).optimizer?.step).toBe(2);
    await expect(run(['--resume', START, '--out', join(dir, 'x.safetensors')])).rejects.toThrow(/not a prefer checkpoint with recorded settings/);
  });
});
