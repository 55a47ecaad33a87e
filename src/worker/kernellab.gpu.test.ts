import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getTestDevice } from '../../test/gpu.ts';
import { PipelineCache } from '../gpu/pipelines.ts';
import { labKernel } from '../kernels/lab/catalog.ts';
import { loadTokenizer } from '../train/tokenizer-json.ts';
import type { Corpus } from './data.ts';
import { handleKernelLab } from './kernellab.ts';
import type { FromWorker, RunSettings } from './protocol.ts';
import { AUTOSAVE_ID, freshCheckpoint, Run, type Gpu } from './run.ts';
import { memorySlots } from './slots.ts';

const tokenizer = loadTokenizer(readFileSync('public/models/tokenizer.json', 'utf8'));
const text = readFileSync('public/datasets/corpus-val.txt', 'utf8');
const corpus: Corpus = {
  tokenizer,
  train: Int32Array.from(tokenizer.encode(text.slice(0, 40_000))),
  val: Int32Array.from(tokenizer.encode(text.slice(40_000, 50_000))),
};
const settings: RunSettings = { preset: 'test', steps: 8, lr: 3e-3, seed: 11, batch: 2 };
const GELU = labKernel('gelu.wgsl').source.files.at(-1)!.code;

/** A run on a pipeline cache of its own; `onMetrics` runs at each batch of read-backs, as the page's messages would arrive. */
async function setup(onMetrics: (ctx: Parameters<typeof handleKernelLab>[0], first: boolean) => void = () => {}) {
  const s = settings;
  const { device } = await getTestDevice();
  const gpu: Gpu = { device, cache: new PipelineCache(device), isFallback: true };
  const slots = memorySlots();
  const events: FromWorker[] = [];
  let seen = 0;
  const ctx = { gpu: () => gpu, run: () => run, post: (m: FromWorker) => events.push(m) };
  const run: Run = Run.pretrain(s, corpus, slots, (m) => {
    events.push(m);
    if (m.type === 'metrics') onMetrics(ctx, seen++ === 0);
  }, freshCheckpoint(s, corpus));
  await run.build(gpu);
  return { gpu, slots, events, run, ctx };
}

const swaps = (events: FromWorker[]) => events.flatMap((e) => (e.type === 'kernel-swapped' ? [e] : []));

describe('swapping a kernel into a live run', () => {
  it('an equivalent kernel swapped in mid-run trains on to the same weights, and the swap is reported at its step', async () => {
    const straight = await setup();
    await straight.run.train();
    const want = await straight.run.model!.read('params');
    straight.run.model!.destroy();

    let swapping: Promise<void> | undefined;
    const swapped = await setup((ctx, first) => {
      if (first) swapping = handleKernelLab(ctx, { type: 'kernel-swap', file: 'gelu.wgsl', code: `${GELU}\n// the same kernel, edited text\n`, checked: 'passed' });
    });
    await swapped.run.train();
    await swapping;
    expect(swapped.run.status).toBe('done');
    const [s] = swaps(swapped.events);
    expect(s.swapped).toEqual(['gelu.wgsl']);
    expect(s.swap).toMatchObject({ file: 'gelu.wgsl', action: 'swap', checked: 'passed' });
    expect(s.swap.step).toBeGreaterThan(0);
    expect(s.swap.tokens).toBeGreaterThan(0);
    expect(await swapped.run.model!.read('params')).toEqual(want);

    await handleKernelLab(swapped.ctx, { type: 'kernel-restore', file: 'gelu.wgsl' });
    expect(swaps(swapped.events).at(-1)).toMatchObject({ swap: { action: 'restore' }, swapped: [] });
    expect(swapped.gpu.cache.overridden.size).toBe(0);
    swapped.run.model!.destroy();
  });

  it('a broken kernel swapped in sends the loss to NaN: the divergence stop halts the run and keeps the last good autosave', async () => {
    const broken = GELU.replace('out[i] = gelu_tanh(inp[i]);', 'out[i] = gelu_tanh(inp[i]) / (inp[i] - inp[i]);');
    expect(broken).not.toBe(GELU);
    let swapping: Promise<void> | undefined;
    const { run, slots, events } = await setup((ctx, first) => {
      if (first) swapping = handleKernelLab(ctx, { type: 'kernel-swap', file: 'gelu.wgsl', code: broken, checked: 'failed' });
    });
    await run.train();
    await swapping;
    expect(run.status).toBe('diverged');
    expect(swaps(events)[0].swap.checked).toBe('failed');
    const saved = await slots.get(AUTOSAVE_ID);
    expect(saved?.info.step).toBe(0);
    run.model!.destroy();
  });

  it('attention without the causal mask, swapped in, switches the run to the row kernels and puts weight on future positions; restore takes it away', async () => {
    const ATTENTION = labKernel('attention.wgsl').source.files.at(-1)!.code;
    const unmasked = ATTENTION.split('t2 <= t').join('t2 < p.T').split('for (var t1 = t; t1 < p.T').join('for (var t1 = 0u; t1 < p.T');
    const { run, ctx } = await setup();
    /** total attention weight above the diagonal in layer 0's first (b, h) block */
    const future = async () => {
      const att = await run.model!.read({ act: 'h.0.att' });
      const T = run.model!.T;
      let sum = 0;
      for (let i = 0; i < T; i++) for (let j = i + 1; j < T; j++) sum += att[i * T + j];
      return sum;
    };
    await run.train();
    expect(await future()).toBe(0); // the shipped product form: exact zeros above the diagonal
    await handleKernelLab(ctx, { type: 'kernel-swap', file: 'attention.wgsl', code: unmasked, checked: 'failed' });
    await run.evaluate();
    expect(await future()).toBeGreaterThan(1);
    await handleKernelLab(ctx, { type: 'kernel-restore', file: 'attention.wgsl' });
    await run.evaluate();
    expect(await future()).toBe(0);
    run.model!.destroy();
  });

  it('a kernel that does not compile is refused and the run keeps its pipelines', async () => {
    const { ctx, gpu, run } = await setup();
    await expect(handleKernelLab(ctx, { type: 'kernel-swap', file: 'gelu.wgsl', code: `${GELU}\nfn nope( {`, checked: 'unchecked' })).rejects.toThrow(/could not be swapped in/);
    expect(gpu.cache.overridden.size).toBe(0);
    await run.train();
    expect(run.status).toBe('done');
    run.model!.destroy();
  });
});
