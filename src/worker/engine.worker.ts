/**
 * The engine's module worker: owns the GPUDevice, the corpus and the current run, and answers the
 * page's messages (protocol.ts). A thin adapter: training lives in run.ts and src/train, storage
 * in slots.ts. Every failure becomes an 'error' event with the scope of the control that caused it.
 */
/// <reference lib="webworker" />
import { requestLabDevice, WebGPUUnavailableError } from '../gpu/device.ts';
import { PipelineCache } from '../gpu/pipelines.ts';
import { defaultKernelChoice } from '../model/passes.ts';
import { runSelfTest } from '../gpu/selftest.ts';
import { loadCheckpoint, saveCheckpoint, type Checkpoint } from '../train/checkpoint.ts';
import { loadCorpus, loadLabTokenizer, type Corpus } from './data.ts';
import type { ErrorScope, FromWorker, RunSettings, SlotInfo, ToWorker } from './protocol.ts';
import { AUTOSAVE_ID, freshCheckpoint, Run, type Gpu } from './run.ts';
import { Sampler } from './sampler.ts';
import { checkSettings, readRunInfo } from './settings.ts';
import { memorySlots, openSlots, type SlotStore } from './slots.ts';
import { checkUpload, slotFor } from './upload.ts';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (msg: FromWorker, transfer: Transferable[] = []) => scope.postMessage(msg, transfer);
const fail = (s: ErrorScope, e: unknown) => post({ type: 'error', scope: s, message: String((e as Error)?.message ?? e) });

let gpu: Gpu | undefined;
let baseUrl = scope.location.href;
let slots: SlotStore = memorySlots();
let run: Run | undefined;
let recovering = false;
const sampler = new Sampler();

async function openGpu(): Promise<Gpu> {
  const lab = await requestLabDevice(scope.navigator.gpu, {
    onLost: (info) => void onLost(info),
    onUncapturedError: (message) => post({ type: 'gpu-error', message }),
  });
  const st = await runSelfTest(lab.device);
  const kc = defaultKernelChoice(lab.report.isFallback);
  const why = lab.report.isFallback
    ? 'a software adapter runs workgroups one after another, so kernels without workgroup barriers win'
    : 'a hardware GPU rewards shared-memory tiles and workgroup reductions';
  post({ type: 'gpu-ready', report: lab.report, selfTest: st, kernels: { ...kc, why } });
  return { device: lab.device, cache: new PipelineCache(lab.device), isFallback: lab.report.isFallback };
}

async function onLost(info: { reason: string; message: string }): Promise<void> {
  if (recovering) return;
  recovering = true;
  gpu = undefined;
  sampler.drop();
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

const listSlots = async () => post({ type: 'checkpoints', slots: await slots.list() });

/** Replaces the current run with one built from `start` (the old one is stopped and freed). */
async function newRun(settings: RunSettings, c: Corpus, start: Checkpoint): Promise<Run> {
  if (!gpu) throw new Error('no GPU device yet: wait for the GPU panel to report one');
  sampler.drop();
  await run?.dispose();
  run = undefined;
  const r = new Run(settings, c, slots, post, start);
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

/** A new run from the preset's fresh weights, or from a saved slot (with its settings and history). */
async function startRun(draft: RunSettings, fromSlot?: string): Promise<void> {
  const c = await corpus();
  let start = freshCheckpoint(draft, c);
  if (fromSlot) {
    const s = await slots.get(fromSlot);
    if (!s) throw new Error(`no saved checkpoint "${fromSlot}"`);
    start = checkUpload(s.bytes, s.info.name, c.tokenizer);
  }
  const step = start.optimizer?.step ?? 0;
  const settings = fromSlot ? readRunInfo(start.info, step, draft).settings : draft;
  const r = await newRun({ ...settings, steps: Math.max(draft.steps, step) }, c, start);
  if (fromSlot) post({ type: 'notice', message: `Continuing from the checkpoint at step ${r.step}${start.optimizer ? '' : ' (it has no optimizer state: AdamW starts afresh)'}.` });
  void r.train();
}

/** On start-up, a saved run comes back where it was, paused. */
async function restore(): Promise<void> {
  const saved = await slots.get(AUTOSAVE_ID);
  if (!saved) return;
  const ck = loadCheckpoint(saved.bytes, 'autosave');
  const fallback: RunSettings = { preset: 'test', steps: 1, lr: 1e-3, seed: 1, batch: 4 };
  const info = readRunInfo(ck.info, ck.optimizer?.step ?? 0, fallback);
  const r = await newRun(info.settings, await corpus(), ck);
  r.postState(r.step >= info.settings.steps ? 'done' : 'paused');
}

async function init(msg: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  if (msg.baseUrl) baseUrl = msg.baseUrl;
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
  await restore().catch((e) => fail('train', `The saved run could not be restored: ${(e as Error).message}`));
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'init':
      return init(msg);
    case 'start': {
      checkSettings(msg.settings);
      // Say at once that something is happening: the first start fetches and encodes the corpus.
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
    case 'pause':
      return run?.pause();
    case 'resume':
      if (!run) throw new Error('there is no run to resume: start one');
      if (run.status === 'diverged') throw new Error('this run diverged: load its autosave from the list (lower the learning rate first) or reset');
      if (run.step >= run.settings.steps) throw new Error(`the run has done all its ${run.settings.steps} steps: start a new one or load it with more steps`);
      void run.train();
      return;
    case 'reset':
      sampler.drop();
      await run?.dispose();
      run = undefined;
      await slots.delete(AUTOSAVE_ID);
      post({ type: 'history', metrics: [], evals: [] });
      post({ type: 'run-state', state: { status: 'idle', settings: null, step: 0, tokens: 0 } });
      return listSlots();
    case 'evaluate':
      if (!run) throw new Error('there is no model to evaluate: start a run');
      return run.evaluate();
    case 'sample': {
      if (!run?.model || !gpu) throw new Error('there is no model to sample from: start a run first');
      const { requestId } = msg;
      await sampler.sample(run.model, (await corpus()).tokenizer, msg, (token) => post({ type: 'sample-token', requestId, token }));
      post({ type: 'sample-done', requestId });
      return;
    }
    case 'tokenize': {
      const tok = await loadLabTokenizer(baseUrl);
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
      await slots.delete(msg.id);
      return listSlots();
    case 'ckpt-download': {
      const s = await slots.get(msg.id);
      if (!s) throw new Error(`no saved checkpoint "${msg.id}"`);
      const buf = s.bytes.slice().buffer;
      post({ type: 'download', name: `${s.info.name.replace(/[^\w.-]+/g, '-')}.safetensors`, bytes: buf }, [buf]);
      return;
    }
    case 'ckpt-upload': {
      const bytes = new Uint8Array(msg.bytes);
      const ck = checkUpload(bytes, msg.name, (await corpus()).tokenizer);
      const info: SlotInfo = slotFor(msg.name.replace(/\.safetensors$/i, ''), bytes.length, ck, String(ck.info?.preset ?? (ck.info?.settings as RunSettings | undefined)?.preset ?? 'custom'));
      await slots.put(info, bytes);
      return listSlots();
    }
    case 'debug-lose-device':
      gpu?.device.destroy();
      return;
  }
}

const SCOPE: Partial<Record<ToWorker['type'], ErrorScope>> = {
  sample: 'sample', tokenize: 'tokenize', 'ckpt-save': 'checkpoint', 'ckpt-list': 'checkpoint', 'ckpt-delete': 'checkpoint',
  'ckpt-download': 'checkpoint', 'ckpt-upload': 'upload',
};

scope.onmessage = (ev: MessageEvent<ToWorker>) => {
  const msg = ev.data;
  handle(msg).catch((e) => fail(SCOPE[msg.type] ?? 'train', e));
};
