import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { parseOptions } from './args.ts';
import * as pretrain from './commands/pretrain.ts';
import { loadCheckpoint } from '../train/checkpoint.ts';

const dir = mkdtempSync(join(tmpdir(), 'lab-pretrain-'));
const base = ['--preset', 'test', '--steps', '12', '--warmup', '3', '--log-every', '4', '--eval-every', '12', '--eval-batches', '2', '--save-every', '0'];
const run = (args: string[]) => pretrain.run(parseOptions(pretrain.spec, args));
const load = (f: string) => loadCheckpoint(new Uint8Array(readFileSync(f)), f);

describe('lab pretrain (real kernels, shipped corpus and tokenizer)', () => {
  it('an interrupted run resumed with --resume ends bit-identical to an uninterrupted one', async () => {
    await run([...base, '--out', join(dir, 'full.safetensors')]);
    await run([...base, '--until', '5', '--out', join(dir, 'part.safetensors')]);
    expect(load(join(dir, 'part.safetensors')).optimizer?.step).toBe(5);
    await run(['--resume', join(dir, 'part.safetensors'), '--out', join(dir, 'resumed.safetensors')]);
    const a = load(join(dir, 'full.safetensors'));
    const b = load(join(dir, 'resumed.safetensors'));
    expect(b.info?.steps).toBe(12);
    expect(b.info?.bioMix).toBe(0.8); // the default mix, Brown + the world's biographies, recorded and resumed
    expect(b.info?.tokensSeen).toBe(a.info?.tokensSeen);
    expect(b.info?.valLoss).toBe(a.info?.valLoss);
    for (const [name, w] of a.weights) expect(b.weights.get(name)!.data, name).toEqual(w.data);
    expect(a.info?.valLoss as number).toBeLessThan(Math.log(a.config.vocabSize)); // it learned something
  });

  it('a run stopped by a signal after a periodic save resumes bit-identical: weights and AdamW moments in a file belong to one step', async () => {
    const listeners = process.listenerCount('SIGTERM');
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((line: string) => void out.push(line));
    // Saves at steps 4 and 8 come first; the signal arrives while step 10 is logged, so the run saves there and stops.
    vi.spyOn(console, 'error').mockImplementation((line: string) => void (line.startsWith('step 10/12 |') && process.emit('SIGTERM')));
    await run([...base, '--log-every', '1', '--save-every', '4', '--out', join(dir, 'stopped.safetensors')]);
    vi.restoreAllMocks();
    expect(out.join('\n')).toMatch(/^interrupted at step 10 of 12; saved .*stopped\.safetensors\. Continue with: npm run lab -- pretrain --resume /m);
    expect(process.listenerCount('SIGTERM')).toBe(listeners);
    const part = load(join(dir, 'stopped.safetensors'));
    expect(part.optimizer?.step).toBe(10);
    await run(['--resume', join(dir, 'stopped.safetensors'), '--out', join(dir, 'resumed2.safetensors')]);
    const a = load(join(dir, 'full.safetensors'));
    const b = load(join(dir, 'resumed2.safetensors'));
    for (const [name, w] of a.weights) expect(b.weights.get(name)!.data, name).toEqual(w.data);
  });

  it('refuses --from and --resume together', async () => {
    const f = join(dir, 'full.safetensors');
    await expect(run(['--resume', f, '--from', f, '--out', join(dir, 'x.safetensors')])).rejects.toThrow(/--from .* or --resume/);
  });
});
