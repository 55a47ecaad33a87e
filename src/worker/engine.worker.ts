/**
 * The engine's module worker: owns the GPUDevice, the data, the current run and the request models,
 * and answers the page's messages (protocol.ts). A thin adapter: training lives in run.ts,
 * steppers.ts and src/train, checkpoints in library.ts (saved slots and shipped files), requests on
 * any model in requests.ts. Every failure becomes an 'error' event with the scope of the control
 * that caused it (and the request's id, for requests).
 */
/// <reference lib="webworker" />
import { requestLabDevice, WebGPUUnavailableError } from '../gpu/device.ts';
import { PipelineCache } from '../gpu/pipelines.ts';
import { DEFAULT_CONFIG } from '../model/config.ts';
import { defaultKernelChoice, matmulShapes } from '../model/passes.ts';
import { selectMatmulVariant } from '../kernels/variants.ts';
import { openVariantCache } from './variant-store.ts';
import { runSelfTest } from '../gpu/selftest.ts';
import { loadCheckpoint, saveCheckpoint } from '../train/checkpoint.ts';
import { loadLabTokenizer } from '../train/lab-tokenizer.ts';
import { loadCorpus, type Corpus } from './data.ts';
import { Library } from './library.ts';
import { ModelCache } from './models.ts';
import { AUTOSAVE_IDS, type ErrorScope, type FromWorker, type RunSettings, type SlotInfo, type TaskKind, type ToWorker } from './protocol.ts';
import { forgetSwaps, handleKernelLab } from './kernellab.ts';
import { handleMeasure } from './measure-gpu.ts';
import { everydayOfRun, handleRequest, scoreFinishedRun, type RequestContext } from './requests.ts';
import { Run, type Gpu } from './run.ts';
import { Sampler } from './sampler.ts';
import { checkSettings, kindOf } from './settings.ts';
import { Shipped } from './shipped.ts';
import { memorySlots, openSlots, type SlotStore } from './slots.ts';
import { planStart } from './starts.ts';
import { BuiltinSets, DataFileError, splitCounts, uploadedSet, type TaskSet } from './taskdata.ts';
import { checkUpload, slotFor } from './upload.ts';
import { fetchText } from '../util/fetch.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: FromWorker, transfer: Transferable[] = []) => scope.postMessage(msg, transfer);
const fail = (s: ErrorScope, e: unknown, requestId?: number) =>
  post({ type: 'error', scope: s, message: String((e as Error)?.message ?? e), ...(requestId !== undefined ? { requestId } : {}) });

let gpu: Gpu | undefined;
let baseUrl = scope.location.href;
let slots: SlotStore = memorySlots();
let run: Run | undefined;
let recovering = false;
const sampler = new Sampler();
const models = new ModelCache(undefined, (m) => sampler.dropModel(m));
let shipped = new Shipped(baseUrl);
const tokenizer = () => loadLabTokenizer(baseUrl);
let library = new Library(() => slots, shipped, tokenizer, (message) => post({ type: 'notice', message }));
const sets = new BuiltinSets((path) => fetchText(new URL(path, baseUrl).href));
/** the learner's uploaded set of each kind (dataset 'upload') */
const uploads: Partial<Record<'classify' | 'instruct' | 'prefer', TaskSet>> = {};

const ctx: RequestContext = { gpu: () => gpu, run: () => run, library, models, sampler, sets, post };

async function openGpu(): Promise<Gpu> {
  const lab = await requestLabDevice(scope.navigator.gpu, {
    onLost: (info) => void onLost(info),
    onUncapturedError: (message) => post({ type: 'gpu-error', message }),
  });
  const st = await runSelfTest(lab.device);
  const cache = new PipelineCache(lab.device);
  // The matmul: on a real GPU the fastest candidate on the base model's shapes, timed once per
  // adapter and kept in IndexedDB; on a software adapter the rule (variants.ts), without timing.
  const choice = await selectMatmulVariant(cache, lab.report, matmulShapes(DEFAULT_CONFIG, 16 * DEFAULT_CONFIG.blockSize), {
    cache: await openVariantCache(scope.indexedDB),
  });
  const kc = { ...defaultKernelChoice(lab.report.isFallback, lab.device.features.has('subgroups')), matmul: choice.variant };
  const times = choice.timesMs ? ` (${Object.entries(choice.timesMs).map(([v, ms]) => `${v} ${ms.toFixed(1)} ms`).join(', ')})` : '';
  const why =
    choice.how === 'measured' ? `the fastest matmul measured on this GPU${times}`
    : lab.report.isFallback ? 'a software adapter runs workgroups one after another, so kernels without workgroup barriers win'
    : choice.how === 'cached' ? 'the fastest matmul when this GPU was measured at an earlier visit (kept in this browser)'
    : `a hardware GPU rewards shared-memory tiles and workgroup reductions${kc.rows === 'subgroup' ? ' (here through subgroup operations)' : ''}`;
  post({ type: 'gpu-ready', report: lab.report, selfTest: st, kernels: { ...kc, why } });
  return { device: lab.device, cache, isFallback: lab.report.isFallback, kernels: kc, report: lab.report };
}

async function onLost(info: { reason: string; message: string }): Promise<void> {
  if (recovering) return;
  recovering = true;
  forgetSwaps(gpu?.cache, post);
  gpu = undefined;
  sampler.drop();
  models.clear();
  const had = run;
  if (had) had.postState('recovering');
  post({ type: 'notice', message: `The GPU device was lost (${info.reason || 'unknown'}: ${info.message}). Opening a new one…` });
  try {
    gpu = await openGpu();
    if (had && had === run) {
      const step = await had.recover(gpu);
      post({ type: 'notice', message: `The GPU device was lost and replaced; the run went back to its last autosave (step ${step}) and carries on from there.` });
    }
  } catch (e) {
    post({ type: 'gpu-lost', reason: info.reason, message: `${info.message}; a new device could not be opened (${(e as Error).message}). Reload the page.` });
  } finally {
    recovering = false;
  }
}

async function corpus(): Promise<Corpus> {
  const c = await loadCorpus(baseUrl, (phase, done, total) => post({ type: 'data-progress', phase, done, total }));
  post({ type: 'data-ready', trainTokens: c.train.length, valTokens: c.val.length, vocabSize: c.tokenizer.vocabSize });
  return c;
}

/** The data of a run's kind: the corpus, the shipped set, or the learner's upload. */
async function dataFor(settings: RunSettings) {
  const t = settings.task;
  if (!t || t.kind === 'pretrain') return { kind: 'pretrain' as const, corpus: await corpus() };
  if (t.dataset === 'upload') {
    const u = uploads[t.kind];
    if (!u) throw new DataFileError([{ file: `your ${t.kind === 'classify' ? 'labelled messages' : t.kind === 'prefer' ? 'pairs' : 'instructions'}`, message: 'no uploaded file in this session: upload it again, or train on the shipped set' }]);
    return withReplay(t, u);
  }
  const set = await sets.get(t.kind);
  return withReplay(t, set);
}

/** A preference run with pretraining replay also gets the page's pretraining text (encoded once per worker). */
async function withReplay(t: NonNullable<RunSettings['task']>, set: TaskSet): Promise<TaskSet> {
  if (t.kind !== 'prefer' || set.kind !== 'prefer' || !(t.replay ?? 0)) return set;
  const c = await corpus();
  return { ...set, replay: { brown: c.train, bios: c.bios } };
}

const listSlots = async () => post({ type: 'checkpoints', slots: await library.list() });

/** Replaces the current run with one built from `start` (the old one is stopped and freed). */
async function newRun(make: () => Promise<Run>): Promise<Run> {
  if (!gpu) throw new Error('no GPU device yet: wait for the GPU panel to report one');
  if (run?.model) await sampler.dropModel(run.model);
  await run?.dispose();
  run = undefined;
  const r = await make();
  // A preference run's frozen reference is the model it started from (its parent), also after a restore.
  if (r.kind === 'prefer' && r.parent) r.reference = await library.load(r.parent);
  r.listSlots = () => library.list();
  r.scoreFinished = (run, s) => scoreFinishedRun(ctx, run, s);
  r.everydayFinished = (run, mine) => everydayOfRun(ctx, run, mine);
  r.postState('loading');
  try {
    await r.build(gpu);
  } catch (e) {
    post({ type: 'run-state', state: { status: 'idle', settings: null, step: 0, tokens: 0 } });
    throw e;
  }
  run = r;
  post({ type: 'history', metrics: r.metrics, evals: r.evals });
  return r;
}

/** A new run: pretraining from fresh weights or a checkpoint, or finetuning from a checkpoint (starts.ts decides which). */
async function startRun(draft: RunSettings, fromSlot?: string): Promise<void> {
  const progress = (done: number, total: number) => post({ type: 'data-progress', phase: 'fetch', done, total });
  const from = fromSlot ? await library.load(fromSlot, progress) : undefined;
  const data = await dataFor(draft);
  const lab = await tokenizer();
  const plan = planStart(draft, from, fromSlot, lab);
  const r = await newRun(async () => new Run(plan.settings, data, slots, post, plan.start, plan.parent));
  if (fromSlot) post({ type: 'notice', message: `${plan.note}${r.kind !== 'pretrain' && r.dataNote ? ` Data: ${r.dataNote}.` : ''}` });
  void r.train();
}

/** Brings back the autosaved run of one kind, paused (or done). */
async function restoreKind(kind: TaskKind): Promise<void> {
  const saved = await slots.get(AUTOSAVE_IDS[kind]);
  if (!saved) throw new Error(`there is no autosaved ${kind === 'pretrain' ? 'pretraining' : kind === 'classify' ? 'classification' : 'instruction-tuning'} run to restore`);
  const ck = loadCheckpoint(saved.bytes, saved.info.name);
  const { settings } = planStart({ preset: 'test', steps: 1, lr: 1e-3, seed: 1, batch: 4 }, ck, AUTOSAVE_IDS[kind], ck.tokenizer, true);
  if (kindOf(settings) !== kind) throw new Error(`the ${AUTOSAVE_IDS[kind]} slot holds a ${kindOf(settings)} run, not a ${kind} run`);
  const data = await dataFor(settings);
  const r = await newRun(async () => new Run(settings, data, slots, post, ck));
  const done = r.step >= settings.steps;
  r.postState(done ? 'done' : 'paused');
  // A finished run shows its report again (not filed twice); instruction scoring takes minutes, so a
  // restored lesson-3 run keeps the row it was filed with and is scored again only on request.
  if (done && r.kind !== 'instruct') await r.postReport(true);
}

/**
 * On start-up, the most recently saved run of any kind comes back where it was, paused. When it
 * cannot (its uploaded data is gone with the last visit, say), the next most recent one is tried,
 * and the page is told why the first did not come back.
 */
async function restoreLatest(): Promise<void> {
  const ids = Object.values(AUTOSAVE_IDS) as string[];
  const auto = (await slots.list()).filter((s) => ids.includes(s.id)).sort((a, b) => b.savedAt - a.savedAt);
  for (const [i, slot] of auto.entries()) {
    const kind = (Object.keys(AUTOSAVE_IDS) as TaskKind[]).find((k) => AUTOSAVE_IDS[k] === slot.id)!;
    try {
      await restoreKind(kind);
      return;
    } catch (e) {
      const last = i === auto.length - 1;
      if (last) throw e;
      post({ type: 'notice', message: `Your last ${kind} run could not be restored (${(e as Error).message}); it stays saved, and an older run came back instead.` });
    }
  }
}

async function init(msg: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  if (msg.baseUrl && msg.baseUrl !== baseUrl) {
    baseUrl = msg.baseUrl;
    shipped = new Shipped(baseUrl);
    library = new Library(() => slots, shipped, tokenizer, (message) => post({ type: 'notice', message }));
    ctx.library = library;
  }
  try {
    gpu = await openGpu();
  } catch (e) {
    if (e instanceof WebGPUUnavailableError) post({ type: 'gpu-unavailable', reason: e.reason, message: e.message });
    else post({ type: 'gpu-unavailable', reason: 'device-failed', message: String((e as Error)?.message ?? e) });
    return;
  }
  try {
    slots = await openSlots(scope.indexedDB);
  } catch (e) {
    post({ type: 'notice', message: `Checkpoints cannot be kept across reloads here (IndexedDB: ${(e as Error).message}).` });
  }
  await listSlots().catch((e) => fail('checkpoint', e));
  await restoreLatest().catch((e) => fail(e instanceof DataFileError ? 'data' : 'train', `The saved run could not be restored: ${(e as Error).message}`));
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'init':
      return init(msg);
    case 'start': {
      checkSettings(msg.settings);
      // Say at once that something is happening: the first start fetches and encodes the data.
      post({ type: 'run-state', state: { status: 'loading', settings: msg.settings, step: 0, tokens: 0 } });
      try {
        await startRun(msg.settings, msg.fromSlot);
      } catch (e) {
        if (run) run.postState(); // the old run is still there: show it as it was
        else post({ type: 'run-state', state: { status: 'idle', settings: null, step: 0, tokens: 0 } });
        throw e;
      }
      return;
    }
    case 'restore':
      return restoreKind(msg.kind);
    case 'dataset-upload': {
      const set = uploadedSet(msg.kind, msg.name, msg.text);
      uploads[msg.kind] = set;
      post({ type: 'dataset-ready', kind: msg.kind, name: msg.name, counts: splitCounts(set) });
      return;
    }
    case 'pause':
      return run?.pause();
    case 'resume':
      if (!run) throw new Error('there is no run to resume: start one');
      if (run.status === 'diverged') throw new Error('this run diverged: load its autosave from the list (lower the learning rate first) or reset');
      if (run.step >= run.settings.steps) throw new Error(`the run has done all its ${run.settings.steps} steps: start a new one or load it with more steps`);
      void run.train();
      return;
    case 'reset': {
      if (msg.kind && run && run.kind !== msg.kind) {
        // another lesson's run is current: leave it alone, forget only this kind's autosave
        await slots.delete(AUTOSAVE_IDS[msg.kind]);
        return listSlots();
      }
      const kind = msg.kind ?? run?.kind ?? 'pretrain';
      if (run?.model) await sampler.dropModel(run.model);
      await run?.dispose();
      run = undefined;
      await slots.delete(AUTOSAVE_IDS[kind]);
      post({ type: 'history', metrics: [], evals: [] });
      post({ type: 'run-state', state: { status: 'idle', settings: null, step: 0, tokens: 0 } });
      return listSlots();
    }
    case 'evaluate':
      if (!run) throw new Error('there is no model to evaluate: start a run');
      return run.evaluate();
    case 'sample':
    case 'classify-text':
    case 'class-report':
    case 'score-instruct':
    case 'attention':
      return handleRequest(ctx, msg);
    case 'tokenize': {
      const tok = await tokenizer();
      post({ type: 'tokens', text: msg.text, pieces: tok.pieces(msg.text).map((p) => ({ id: p.id, text: p.text })) });
      return;
    }
    case 'ckpt-save': {
      if (!run?.model) throw new Error('there is no model to save: start a run');
      const ck = await run.snapshot();
      const bytes = saveCheckpoint(ck);
      await slots.put(slotFor(msg.name, bytes.length, ck, run.settings.preset), bytes);
      return listSlots();
    }
    case 'ckpt-list':
      return listSlots();
    case 'ckpt-delete':
      await library.delete(msg.id);
      models.forget(msg.id);
      return listSlots();
    case 'ckpt-download': {
      const s = await library.bytes(msg.id);
      const buf = s.bytes.slice().buffer;
      post({ type: 'download', name: `${s.name.replace(/\.safetensors$/i, '').replace(/[^\w.-]+/g, '-')}.safetensors`, bytes: buf }, [buf]);
      return;
    }
    case 'ckpt-upload': {
      const bytes = new Uint8Array(msg.bytes);
      const ck = checkUpload(bytes, msg.name, await tokenizer());
      const info: SlotInfo = slotFor(msg.name.replace(/\.safetensors$/i, ''), bytes.length, ck, String(ck.info?.preset ?? (ck.info?.settings as RunSettings | undefined)?.preset ?? 'custom'));
      await slots.put(info, bytes);
      return listSlots();
    }
    case 'debug-lose-device':
      gpu?.device.destroy();
      return;
    case 'kernel-catalog':
    case 'kernel-compile':
    case 'kernel-check':
    case 'kernel-time':
    case 'kernel-swap':
    case 'kernel-restore':
      return handleKernelLab(ctx, msg);
    case 'gpu-measure':
      return handleMeasure(ctx, msg);
  }
}

const SCOPE: Partial<Record<ToWorker['type'], ErrorScope>> = {
  sample: 'sample', tokenize: 'tokenize', 'ckpt-save': 'checkpoint', 'ckpt-list': 'checkpoint', 'ckpt-delete': 'checkpoint',
  'ckpt-download': 'checkpoint', 'ckpt-upload': 'upload', 'dataset-upload': 'data', 'classify-text': 'classify', 'class-report': 'classify',
  'score-instruct': 'score', 'kernel-catalog': 'kernel', 'kernel-compile': 'kernel', 'kernel-check': 'kernel', 'kernel-time': 'kernel',
  'kernel-swap': 'kernel', 'kernel-restore': 'kernel', 'gpu-measure': 'measure',
  attention: 'attention',
};

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  const requestId = 'requestId' in msg ? msg.requestId : undefined;
  handle(msg).catch((e) => fail(e instanceof DataFileError ? 'data' : (SCOPE[msg.type] ?? 'train'), e, requestId));
};
