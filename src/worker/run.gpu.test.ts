import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getHarness } from '../../test/kernel-harness.ts';
import { loadCheckpoint } from '../train/checkpoint.ts';
import { loadTokenizer } from '../train/tokenizer-json.ts';
import type { Corpus } from './data.ts';
import type { FromWorker, RunSettings } from './protocol.ts';
import { AUTOSAVE_ID, freshCheckpoint, Run, type Gpu } from './run.ts';
import { Sampler } from './sampler.ts';
import { parseWorld } from '../data/world.ts';
import { DEFAULT_BIO_MIX } from '../train/mix.ts';
import { LIVE_PROBE_PEOPLE } from './facts.ts';
import { readRunInfo } from './settings.ts';
import { memorySlots } from './slots.ts';

const tokenizer = loadTokenizer(readFileSync('public/models/tokenizer.json', 'utf8'));
const text = readFileSync('public/datasets/corpus-val.txt', 'utf8');
const corpus: Corpus = {
  tokenizer,
  train: Int32Array.from(tokenizer.encode(text.slice(0, 40_000))),
  val: Int32Array.from(tokenizer.encode(text.slice(40_000, 50_000))),
};
const settings: RunSettings = { preset: 'test', steps: 8, lr: 3e-3, seed: 11, batch: 2 };

async function setup(s = settings, onEvent: (m: FromWorker, run: Run) => void = () => {}) {
  const h = await getHarness();
  const gpu: Gpu = { device: h.device, cache: h.cache, isFallback: true };
  const slots = memorySlots();
  const events: FromWorker[] = [];
  const run: Run = Run.pretrain(s, corpus, slots, (m) => {
    events.push(m);
    onEvent(m, run);
  }, freshCheckpoint(s, corpus));
  await run.build(gpu);
  return { gpu, slots, events, run };
}

describe('a page run on the GPU', () => {
  it('paused, then rebuilt from its autosave (as after a lost device), ends with the same weights as a run straight through', async () => {
    const straight = await setup();
    await straight.run.train();
    expect(straight.run.status).toBe('done');
    const want = await straight.run.model!.read('params');
    const saved = await straight.slots.get(AUTOSAVE_ID);
    expect(saved?.info).toMatchObject({ step: 8, stage: 'pretrain', id: AUTOSAVE_ID, auto: true });
    expect(straight.run.params).toEqual({ trainable: straight.run.params!.total, total: straight.run.model!.layout.tensors.reduce((n, t) => n + t.numel, 0) });
    expect(loadCheckpoint(saved!.bytes).optimizer?.step).toBe(8);
    straight.run.model!.destroy();

    // Pause as the first read-back (step 2) arrives: the loop stops after that step and autosaves there.
    let paused = false;
    const broken = await setup(settings, (m, run) => {
      if (m.type === 'metrics' && !paused) {
        paused = true;
        void run.pause();
      }
    });
    await broken.run.train();
    expect(broken.run.status).toBe('paused');
    const pausedAt = broken.run.step;
    expect(pausedAt).toBeGreaterThan(0);
    expect(pausedAt).toBeLessThan(8);
    expect((await broken.slots.get(AUTOSAVE_ID))?.info.step).toBe(pausedAt);
    // Recovery rebuilds the model from the autosave (weights and AdamW moments) and,
    // since the learner had paused, stays paused.
    const old = broken.run.model!;
    expect(await broken.run.recover(broken.gpu)).toBe(pausedAt);
    old.destroy();
    expect(broken.run.status).toBe('paused');
    await broken.run.train();
    expect(broken.run.step).toBe(8);
    const got = await broken.run.model!.read('params');
    expect(got).toEqual(want);
    const states = broken.events.filter((e) => e.type === 'run-state').map((e) => (e.type === 'run-state' ? e.state.status : ''));
    expect(states).toContain('paused');
    expect(states.at(-1)).toBe('done');
    // The page got every read-back once, in order (batched into few messages).
    const steps = broken.events.flatMap((e) => (e.type === 'metrics' ? e.metrics.map((p) => p.step) : []));
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(8);
    broken.run.model!.destroy();
  });

  it('a diverging run stops with a message and keeps its last good autosave', async () => {
    const { run, slots, events } = await setup({ ...settings, lr: 1e30 });
    await run.train();
    expect(run.status).toBe('diverged');
    const err = events.find((e) => e.type === 'error');
    expect(err).toMatchObject({ scope: 'train' });
    expect(err?.type === 'error' && err.message).toMatch(/diverged.*learning rate/s);
    expect(err?.type === 'error' && err.message).toContain('last autosave (step 0) is kept');
    const saved = await slots.get(AUTOSAVE_ID);
    expect(saved?.info.step).toBe(0);
    const ck = loadCheckpoint(saved!.bytes);
    for (const w of ck.weights.values()) expect(w.data.every(Number.isFinite)).toBe(true);
    run.model!.destroy();
  });

  it('with the world loaded, mixes in the biographies, records the mix and reports the facts probe with each validation pass', async () => {
    const world = parseWorld('world.jsonl', readFileSync('public/datasets/world.jsonl', 'utf8'));
    if (!world.ok) throw new Error('world.jsonl does not parse');
    const bios = Int32Array.from(tokenizer.encode(readFileSync('public/datasets/world-bios.txt', 'utf8').slice(0, 20_000)));
    const h = await getHarness();
    const slots = memorySlots();
    const events: FromWorker[] = [];
    const withWorld: Corpus = { ...corpus, bios, world: world.value };
    const run = Run.pretrain(settings, withWorld, slots, (m) => events.push(m), freshCheckpoint(settings, withWorld));
    expect(run.settings.bioMix).toBe(DEFAULT_BIO_MIX);
    await run.build({ device: h.device, cache: h.cache, isFallback: true });
    await run.train();
    const evals = events.flatMap((e) => (e.type === 'metrics' ? e.evals : []));
    expect(evals.length).toBeGreaterThanOrEqual(2);
    for (const p of evals) {
      expect(p.facts, `step ${p.step}`).toBeDefined();
      expect(p.facts!.n).toBe(LIVE_PROBE_PEOPLE);
      expect(p.facts!.chance).toBe(1 / 16);
      // fractions of 12 facts
      for (const x of [p.facts!.known, p.facts!.unknown]) expect(Number.isInteger(Math.round(x * 12 * 1e6) / 1e6)).toBe(true);
    }
    // The autosave records the mix, and a run restored from it keeps it.
    const ck = loadCheckpoint((await slots.get(AUTOSAVE_ID))!.bytes);
    expect((ck.info?.settings as RunSettings).bioMix).toBe(DEFAULT_BIO_MIX);
    expect(readRunInfo(ck.info, 8, { ...settings, bioMix: 0 }).settings.bioMix).toBe(DEFAULT_BIO_MIX);
    run.dispose();
  });

  it('samples from the training model through the KV-cache decoder, streaming each token with its candidates', async () => {
    const { run } = await setup();
    await run.train();
    const sampler = new Sampler();
    const req = { requestId: 1, prompt: 'The', temperature: 0, topK: 0, topP: 1, seed: 3, maxTokens: 6 };
    const take = async () => {
      const got: { id: number; text: string; prob: number; top: { id: number; prob: number }[] }[] = [];
      await sampler.sample(run.model!, tokenizer, req, (t) => got.push(t));
      return got;
    };
    const a = await take();
    expect(a.length).toBeGreaterThan(0);
    expect(a.length).toBeLessThanOrEqual(6);
    for (const t of a) {
      // greedy: the chosen token is the most likely candidate, and candidates come best first
      expect(t.top[0].id).toBe(t.id);
      expect(t.top.every((c, i) => i === 0 || c.prob <= t.top[i - 1].prob)).toBe(true);
      expect(t.prob).toBeGreaterThan(0);
      expect(t.prob).toBeLessThanOrEqual(1);
    }
    expect((await take()).map((t) => t.id)).toEqual(a.map((t) => t.id));
    await expect(sampler.sample(run.model!, tokenizer, { ...req, topP: 0 }, () => {})).rejects.toThrow(/top-p/);
    sampler.drop();
    run.model!.destroy();
  });
});
