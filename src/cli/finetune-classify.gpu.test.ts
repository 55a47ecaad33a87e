import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseOptions } from './args.ts';
import * as classify from './commands/finetune-classify.ts';
import { loadCheckpoint } from '../train/checkpoint.ts';

const dir = mkdtempSync(join(tmpdir(), 'lab-classify-'));
// The shipped test-size base, 12 messages a split, 4 a step: 3 steps an epoch, 7 steps in all (an
// epoch boundary falls inside each slice), saved every 2 steps.
const base = ['--checkpoint', 'public/models/base-test.safetensors', '--limit', '12', '--batch', '4', '--steps', '7', '--warmup', '2', '--log-every', '1', '--save-every', '2', '--choice', 'last-block'];
const run = (args: string[]) => classify.run(parseOptions(classify.spec, args));
const load = (f: string) => loadCheckpoint(new Uint8Array(readFileSync(f)), f);

afterEach(() => vi.restoreAllMocks());

describe('lab finetune-classify (real kernels, shipped test checkpoint and spam set)', () => {
  it('a run stopped with --until and continued with --resume ends bit-identical to one straight through', async () => {
    await run([...base, '--out', join(dir, 'full.safetensors')]);
    await run([...base, '--until', '5', '--out', join(dir, 'part.safetensors')]);
    const part = load(join(dir, 'part.safetensors'));
    expect(part.optimizer?.step).toBe(5);
    expect(part.info?.testAccuracy).toBeUndefined(); // not finished, so not tested
    // What is typed besides --resume is ignored: the run keeps its recorded settings.
    await run(['--resume', join(dir, 'part.safetensors'), '--steps', '99', '--lr', '0.5', '--out', join(dir, 'resumed.safetensors')]);
    const a = load(join(dir, 'full.safetensors'));
    const b = load(join(dir, 'resumed.safetensors'));
    expect(b.info?.steps).toBe(7);
    expect(b.optimizer?.step).toBe(7);
    expect(typeof a.info?.testAccuracy).toBe('number');
    expect(b.info?.testAccuracy).toBe(a.info?.testAccuracy);
    expect(b.info?.valAccuracy).toBe(a.info?.valAccuracy);
    expect(a.weights.has('cls.weight')).toBe(true);
    for (const [name, w] of a.weights) expect(b.weights.get(name)!.data, name).toEqual(w.data);
    // The frozen blocks are the base's, untouched; the last block moved.
    const from = load('public/models/base-test.safetensors');
    expect(a.weights.get('h.0.attn.c_attn.weight')!.data).toEqual(from.weights.get('h.0.attn.c_attn.weight')!.data);
    const last = `h.${from.config.nLayer - 1}.attn.c_attn.weight`;
    expect(a.weights.get(last)!.data).not.toEqual(from.weights.get(last)!.data);
  });

  it('Ctrl-C saves a resumable checkpoint after the current step and lets go of the signal', async () => {
    const listeners = process.listenerCount('SIGINT');
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    // The interrupt comes with step 3's log line, so the run stops there and saves.
    vi.spyOn(console, 'error').mockImplementation((line: string) => void (line.startsWith('step 3/7 | epoch') && process.emit('SIGINT')));
    const f = join(dir, 'interrupted.safetensors');
    await run([...base, '--out', f]);
    expect(out.join('\n')).toMatch(/^interrupted at step 3 of 7; saved .*interrupted\.safetensors\. Continue with: npm run lab -- finetune-classify --resume /m);
    expect(load(f).optimizer?.step).toBe(3);
    expect(process.listenerCount('SIGINT')).toBe(listeners);
  });

  it('refuses to resume a checkpoint that is not a classification run', async () => {
    await expect(run(['--resume', 'public/models/base-test.safetensors', '--out', join(dir, 'x.safetensors')])).rejects.toThrow(/base-test\.safetensors: not a classify checkpoint with recorded settings, so it cannot be resumed/);
  });
});
