import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getHarness } from '../../test/kernel-harness.ts';
import { loadCheckpoint } from '../train/checkpoint.ts';
import { loadTokenizer } from '../train/tokenizer-json.ts';
import { Library } from './library.ts';
import { ModelCache } from './models.ts';
import { AUTOSAVE_IDS, type FromWorker, type MyMessage, type RunSettings } from './protocol.ts';
import { everydayOfRun, handleRequest, scoreFinishedRun, type RequestContext } from './requests.ts';
import { Run, type Gpu } from './run.ts';
import { Sampler } from './sampler.ts';
import { Shipped } from './shipped.ts';
import { memorySlots } from './slots.ts';
import { planStart } from './starts.ts';
import { BuiltinSets } from './taskdata.ts';

const lab = loadTokenizer(readFileSync('public/models/tokenizer.json', 'utf8'));
/** The page's server: public/ read from disk. */
const serve = async (url: string, init?: RequestInit) => {
  const path = `public/${new URL(url).pathname.replace(/^\/app\//, '')}`;
  try {
    const b = readFileSync(path);
    return new Response(init?.method === 'HEAD' ? null : b, { headers: { 'content-type': 'application/octet-stream', 'content-length': String(b.length) } });
  } catch {
    return new Response('<!doctype html>', { status: 200, headers: { 'content-type': 'text/html' } });
  }
};
const sets = new BuiltinSets(async (p) => readFileSync(`public/${p}`, 'utf8'));

async function setup() {
  const h = await getHarness();
  const gpu: Gpu = { device: h.device, cache: h.cache, isFallback: true };
  const slots = memorySlots();
  const events: FromWorker[] = [];
  let onEvent: (m: FromWorker) => void = () => {};
  const post = (m: FromWorker) => {
    events.push(m);
    onEvent(m);
  };
  const library = new Library(() => slots, new Shipped('http://lab.test/app/', serve), async () => lab);
  const sampler = new Sampler();
  let run: Run | undefined;
  const ctx: RequestContext = { gpu: () => gpu, run: () => run, library, models: new ModelCache(2, (m) => sampler.dropModel(m)), sampler, sets, post };
  /** what the worker does on 'start' and on 'restore' */
  const start = async (draft: RunSettings, fromSlot: string | undefined, restoring = false) => {
    const from = fromSlot ? await library.load(fromSlot) : undefined;
    const plan = planStart(draft, from, fromSlot, lab, restoring);
    const kind = plan.settings.task?.kind;
    const data = kind === 'classify' || kind === 'instruct' ? await sets.get(kind) : undefined;
    run = new Run(plan.settings, data!, slots, post, plan.start, plan.parent);
    run.everydayFinished = (r, mine) => everydayOfRun(ctx, r, mine);
    await run.build(gpu);
    return run;
  };
  return { gpu, slots, events, ctx, start, library, listen: (f: (m: FromWorker) => void) => (onEvent = f) };
}

const ofType = <T extends FromWorker['type']>(events: FromWorker[], type: T) => events.filter((e): e is Extract<FromWorker, { type: T }> => e.type === type);

describe('finetuning runs in the page engine', () => {
  it('a classify run from a shipped base autosaves to its own slot, reports accuracy, restores, and answers requests', async () => {
    const { slots, events, ctx, start } = await setup();
    const draft: RunSettings = { preset: 'test', steps: 6, lr: 2e-3, seed: 3, batch: 4, task: { kind: 'classify', choice: 'last-block', loraRank: 4, readAt: 'last', dataset: 'spam', mine: [{ label: 'ham', text: 'Lunch at noon?\nShall we meet at the usual place?' }] } };
    const run = await start(draft, 'shipped:base-test');
    expect(run.kind).toBe('classify');
    expect(run.parent).toBe('shipped:base-test');
    expect(run.params!.trainable).toBeLessThan(run.params!.total);
    expect(run.params!.trainable).toBeGreaterThan(0);
    await run.train();
    expect(run.status).toBe('done');
    // its own autosave slot, with stage and parent; the pretraining slot untouched
    const saved = await slots.get(AUTOSAVE_IDS.classify);
    expect(saved?.info).toMatchObject({ step: 6, stage: 'classify', parent: 'shipped:base-test', auto: true });
    expect(await slots.get(AUTOSAVE_IDS.pretrain)).toBeUndefined();
    const ck = loadCheckpoint(saved!.bytes);
    expect(ck.weights.get('cls.weight')?.shape).toEqual([2, 32]);
    expect(ck.info?.finetune).toMatchObject({ task: 'classify', choice: 'last-block', readAt: 'last' });
    // evaluations carry accuracies
    const evals = ofType(events, 'metrics').flatMap((m) => m.evals);
    expect(evals.length).toBeGreaterThan(0);
    for (const e of evals) {
      expect(e.valAccuracy).toBeGreaterThanOrEqual(0);
      expect(e.valAccuracy).toBeLessThanOrEqual(1);
      expect(e.trainAccuracy).toBeGreaterThanOrEqual(0);
    }
    // the finished run's report carries its test-split scores
    const done = ofType(events, 'run-report').at(-1)!;
    expect(done.restored).toBe(false);
    if (done.report.kind !== 'classify') throw new Error(`a ${done.report.kind} report for a classify run`);
    const rep = done.report.test;
    expect(rep).toMatchObject({ split: 'test', n: 686, classes: ['ham', 'spam'], trainableParams: run.params!.trainable, totalParams: run.params!.total });
    expect(rep.confusion.flat().reduce((a, b) => a + b, 0)).toBe(686);
    expect(rep.accuracy).toBeCloseTo((rep.confusion[0][0] + rep.confusion[1][1]) / 686, 10);
    const state = ofType(events, 'run-state').at(-1)!.state;
    expect(state).toMatchObject({ status: 'done', parent: 'shipped:base-test', params: run.params });
    // ... and, beside it, its scores on the everyday messages written for the lab plus the learner's own one
    const shipped = readFileSync('public/datasets/spam-everyday.jsonl', 'utf8').trim().split('\n').length;
    const every = done.report.everyday!;
    expect(every).toMatchObject({ split: 'everyday', n: shipped + 1, mine: 1, classes: ['ham', 'spam'] });
    expect(every.confusion.flat().reduce((a, b) => a + b, 0)).toBe(shipped + 1);
    expect(every.confusion[0][0] + every.confusion[0][1]).toBe(shipped / 2 + 1);
    // a message added later is scored at once: the page asks again with the longer list
    const two = [...(draft.task as { mine: MyMessage[] }).mine, { label: 'spam' as const, text: 'You WON a prize!!!\nClick here to claim it now.' }];
    await handleRequest(ctx, { type: 'class-report', requestId: 6, model: 'run', split: 'everyday', mine: two });
    expect(ofType(events, 'class-report').find((r) => r.requestId === 6)!.report).toMatchObject({ split: 'everyday', n: shipped + 2, mine: 2 });

    // class probabilities of a text under the run's classifier
    await handleRequest(ctx, { type: 'classify-text', requestId: 7, text: 'WIN a FREE prize now!!!', model: 'run' });
    const probs = ofType(events, 'class-probs').find((p) => p.requestId === 7)!;
    expect(probs.classes).toEqual(['ham', 'spam']);
    expect(probs.probs[0] + probs.probs[1]).toBeCloseTo(1, 5);

    // restore: the autosave comes back with the same step, settings and weights
    const want = await run.model!.read('params');
    run.model!.destroy();
    const back = await start({ preset: 'test', steps: 1, lr: 1e-3, seed: 1, batch: 4 }, AUTOSAVE_IDS.classify, true);
    expect(back.kind).toBe('classify');
    expect(back.step).toBe(6);
    expect(back.settings.task).toEqual(draft.task);
    expect(back.parent).toBe('shipped:base-test');
    expect(await back.model!.read('params')).toEqual(want);
    back.model!.destroy();

    // a saved classifier by id: built into the model cache, scored on a sample of the validation split
    await handleRequest(ctx, { type: 'class-report', requestId: 8, model: AUTOSAVE_IDS.classify, split: 'validation', limit: 10 });
    const byId = ofType(events, 'class-report').find((r) => r.requestId === 8)!.report;
    expect(byId).toMatchObject({ split: 'validation', n: 10, trainableParams: run.params!.trainable, totalParams: run.params!.total });
    expect(ctx.models.ids).toEqual([expect.stringMatching(/^autosave:classify@/)]);
    ctx.models.clear();
  }, 120_000);

  it('an instruct run with LoRA trains only its adapters, autosaves, and samples in the template; a shipped base gets the prompted baseline', async () => {
    const { slots, events, ctx, start } = await setup();
    const score = { limit: 2, maxTokens: 3, seed: 1 };
    const draft: RunSettings = { preset: 'test', steps: 4, lr: 2e-3, seed: 5, batch: 2, task: { kind: 'instruct', maskPrompt: true, lora: true, loraRank: 2, dataset: 'instruct', score } };
    const run = await start(draft, 'shipped:base-test');
    run.scoreFinished = (r, s) => scoreFinishedRun(ctx, r, s);
    const frozenBefore = await run.model!.read('params');
    await run.train();
    expect(run.status).toBe('done');
    // the finished run reports its scores and its start model's, on the same two instructions
    const done = ofType(events, 'run-report').at(-1)!;
    if (done.report.kind !== 'instruct') throw new Error(`a ${done.report.kind} report for an instruct run`);
    expect(done.report).toMatchObject({ step: 4, parent: 'shipped:base-test', scores: { n: 2 }, baseScores: { n: 2 } });
    expect(done.report.scores!.formatAdherence).toBeGreaterThanOrEqual(0);
    const saved = await slots.get(AUTOSAVE_IDS.instruct);
    expect(saved?.info).toMatchObject({ step: 4, stage: 'instruct', parent: 'shipped:base-test' });
    // rank 2 on four matmuls of two blocks: r * (C_in + C_out) each (C 32: qkv 32->96, proj 32->32, fc 32->128, fc proj 128->32)
    expect(run.params!.trainable).toBe(2 * 2 * ((32 + 96) + (32 + 32) + (32 + 128) + (128 + 32)));
    // LoRA: only lora_* tensors changed
    const after = await run.model!.read('params');
    for (const t of run.model!.layout.tensors) {
      const same = after.subarray(t.offset, t.offset + t.numel).every((x, i) => x === frozenBefore[t.offset + i]);
      expect(same, t.name).toBe(!/lora_B$/.test(t.name) && !/lora_A$/.test(t.name));
    }
    run.model!.destroy();

    // sampling from a shipped instruct model, wrapped in the template, greedy
    const req = { type: 'sample' as const, requestId: 11, prompt: 'Name a color.', temperature: 0, topK: 0, topP: 1, seed: 1, maxTokens: 5, model: 'shipped:instruct-test', template: true };
    await handleRequest(ctx, req);
    const toks = ofType(events, 'sample-token').filter((t) => t.requestId === 11);
    expect(toks.length).toBeGreaterThan(0);
    expect(events.some((e) => e.type === 'sample-done' && e.requestId === 11)).toBe(true);
    // the prompted baseline of a model without a head: a few test messages, both classes
    await handleRequest(ctx, { type: 'class-report', requestId: 12, model: 'shipped:base-test', split: 'test', limit: 6 });
    const rep = ofType(events, 'class-report').find((r) => r.requestId === 12)!.report;
    expect(rep).toMatchObject({ n: 6, trainableParams: null, seconds: 0 });
    expect(rep.confusion.flat().reduce((a, b) => a + b, 0)).toBe(6);
    expect(ofType(events, 'progress').filter((p) => p.requestId === 12).at(-1)).toMatchObject({ done: 6, total: 6 });
    // a classifier request on a model without a head fails with a message
    await expect(handleRequest(ctx, { type: 'classify-text', requestId: 13, text: 'hi', model: 'shipped:base-test' })).rejects.toThrow(/no classifier head/);
    // a request on a model that is not listed (a deleted save) fails naming it
    await expect(handleRequest(ctx, { ...req, requestId: 14, model: 'ck-deleted' })).rejects.toThrow(/no checkpoint "ck-deleted"/);
    ctx.models.clear();
  }, 120_000);

  it('an instruct run paused and rebuilt after a lost device ends with the weights of a run straight through; a diverging classifier keeps its autosave', async () => {
    const draft: RunSettings = { preset: 'test', steps: 6, lr: 2e-3, seed: 8, batch: 2, task: { kind: 'instruct', maskPrompt: false, lora: false, loraRank: 4, dataset: 'instruct' } };
    const straight = await setup();
    const a = await straight.start(draft, 'shipped:base-test');
    await a.train();
    const want = await a.model!.read('params');
    a.model!.destroy();

    const broken = await setup();
    const b = await broken.start(draft, 'shipped:base-test');
    let paused = false;
    broken.listen((m) => {
      if (m.type === 'metrics' && !paused) {
        paused = true;
        void b.pause();
      }
    });
    await b.train();
    expect(b.status).toBe('paused');
    const at = b.step;
    expect(at).toBeGreaterThan(0);
    expect(at).toBeLessThan(6);
    expect((await broken.slots.get(AUTOSAVE_IDS.instruct))?.info.step).toBe(at);
    const old = b.model!;
    expect(await b.recover(broken.gpu)).toBe(at);
    old.destroy();
    await b.train();
    expect(b.step).toBe(6);
    expect(await b.model!.read('params')).toEqual(want);
    b.model!.destroy();

    const nan = await setup();
    // an absurd learning rate (the page refuses it; the run itself must still cope)
    const c = await nan.start({ ...draft, lr: 1e30, task: { kind: 'classify', choice: 'all', loraRank: 4, readAt: 'first', dataset: 'spam' } }, 'shipped:base-test');
    await c.train();
    expect(c.status).toBe('diverged');
    const err = ofType(nan.events, 'error').at(-1)!;
    expect(err).toMatchObject({ scope: 'train' });
    expect(err.message).toMatch(/diverged/);
    expect(err.message).toContain('last autosave (step 0) is kept');
    const kept = await nan.slots.get(AUTOSAVE_IDS.classify);
    expect(kept?.info.step).toBe(0);
    for (const w of loadCheckpoint(kept!.bytes).weights.values()) expect(w.data.every(Number.isFinite)).toBe(true);
    c.model!.destroy();
  }, 120_000);
});
