/**
 * The bridge: starts the engine worker once, turns its events into store updates, and carries
 * commands to it. The only place that talks to the worker and the only writer of engine state.
 * Request answers go to requestsSlice by request id (samples stream per id, so several panes run
 * at once; `sampleId` names the latest sample request, the workshop's). A finished run's report goes
 * to the runs slice's one reducer (fileRunReport).
 */
import { appendCapped } from '../worker/downsample.ts';
import type { ErrorScope, FromWorker, RunSettings, TaskKind, ToWorker } from '../worker/protocol.ts';
import { useLab } from './index.ts';
import { failKernelRequest, reduceKernelLab } from './kernelLabSlice.ts';
import { reduceGpuMeasure } from './gpuMeasureSlice.ts';
import { putCapped } from './requestsSlice.ts';
import { MAX_POINTS } from './trainingSlice.ts';

const kindOf = (s: RunSettings | null): TaskKind => s?.task?.kind ?? 'pretrain';
function withoutKey<K extends string, V>(rec: Partial<Record<K, V>>, key: K): Partial<Record<K, V>> {
  if (!(key in rec)) return rec;
  const next = { ...rec };
  delete next[key];
  return next;
}

let worker: Worker | undefined;
/** Where a 'download' event's bytes go; the page replaces it only in tests. */
let saveFile: (name: string, bytes: ArrayBuffer) => void = (name, bytes) => {
  const url = URL.createObjectURL(new Blob([bytes], { type: 'application/octet-stream' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
};

/** Saves a file the page made (a download in the browser; tests replace it with setSaveFile). */
export function saveMadeFile(name: string, bytes: ArrayBuffer): void {
  saveFile(name, bytes);
}

/** For tests: where downloads go. */
export function setSaveFile(f: typeof saveFile): void {
  saveFile = f;
}

/** Applies one worker event to the store. Exported for tests. */
export function applyWorkerEvent(msg: FromWorker): void {
  const set = useLab.setState;
  switch (msg.type) {
    case 'gpu-ready':
      set({ gpu: { state: 'ready', report: msg.report, selfTestMaxDiff: msg.selfTest.maxAbsDiff, selfTestMs: msg.selfTest.ms, kernels: msg.kernels } });
      break;
    case 'gpu-unavailable':
      set({ gpu: { state: 'unavailable', reason: msg.reason, message: msg.message } });
      break;
    case 'gpu-lost':
      set({ gpu: { state: 'lost', message: `${msg.reason}: ${msg.message}` } });
      break;
    case 'gpu-error':
      set((s) => ({ gpuErrors: [...s.gpuErrors.slice(-19), msg.message] }));
      break;
    case 'data-progress':
      set({ data: { state: 'loading', phase: msg.phase, done: msg.done, total: msg.total } });
      break;
    case 'data-ready':
      set({ data: { state: 'ready', trainTokens: msg.trainTokens, valTokens: msg.valTokens, vocabSize: msg.vocabSize } });
      break;
    case 'run-state':
      set((s) => ({
        run: msg.state,
        // A run that begins (or comes back) replaces its kind's last report.
        reports: msg.state.status === 'loading' ? withoutKey(s.reports, kindOf(msg.state.settings)) : s.reports,
        // A restored or started run shows its own settings in the controls.
        draft: msg.state.settings ?? s.draft,
        engineErrors: msg.state.status === 'training' ? { ...s.engineErrors, train: undefined } : s.engineErrors,
      }));
      break;
    case 'history':
      // a new or restored run: the kernel swaps marked on the old run's chart do not belong to it
      set({ metrics: appendCapped([], msg.metrics, MAX_POINTS), evals: appendCapped([], msg.evals, MAX_POINTS), lastMetric: msg.metrics.at(-1) ?? null, kernelSwaps: [] });
      break;
    case 'metrics':
      set((s) => ({
        metrics: appendCapped(s.metrics, msg.metrics, MAX_POINTS),
        evals: appendCapped(s.evals, msg.evals, MAX_POINTS),
        lastMetric: msg.metrics.at(-1) ?? s.lastMetric,
      }));
      break;
    case 'sample-token':
      set((s) => {
        const st = s.samples[msg.requestId];
        return st ? { samples: { ...s.samples, [msg.requestId]: { ...st, tokens: [...st.tokens, msg.token] } } } : {};
      });
      break;
    case 'sample-done':
      set((s) => {
        const st = s.samples[msg.requestId];
        return st ? { samples: { ...s.samples, [msg.requestId]: { ...st, running: false } } } : {};
      });
      break;
    case 'run-report':
      useLab.getState().fileRunReport(msg.report, msg.restored);
      break;
    case 'class-probs':
      set((s) => ({ classProbs: putCapped(s.classProbs, msg.requestId, { text: msg.text, classes: msg.classes, probs: msg.probs }) }));
      break;
    case 'class-report':
      set((s) => ({ classReports: putCapped(s.classReports, msg.requestId, { model: msg.model, report: msg.report }) }));
      break;
    case 'instruct-scores':
      set((s) => ({ instructScores: putCapped(s.instructScores, msg.requestId, { model: msg.model, scores: msg.scores }) }));
      break;
    case 'attention': {
      const { type: _t, requestId, ...a } = msg;
      set((s) => ({ attention: putCapped(s.attention, requestId, a) }));
      break;
    }
    case 'progress':
      set((s) => ({ progress: putCapped(s.progress, msg.requestId, { done: msg.done, total: msg.total, what: msg.what }) }));
      break;
    case 'dataset-ready':
      set((s) => ({ uploads: { ...s.uploads, [msg.kind]: { name: msg.name, counts: msg.counts } } }));
      break;
    case 'tokens':
      set({ tokenized: { text: msg.text, pieces: msg.pieces } });
      break;
    case 'checkpoints':
      set({ slots: msg.slots });
      break;
    case 'download':
      saveFile(msg.name, msg.bytes);
      break;
    case 'error':
      set((s) => {
        // a request's error stops only that request; a sampling error without an id stops the workshop's sample
        const id = msg.requestId ?? (msg.scope === 'sample' ? s.sampleId ?? undefined : undefined);
        const st = id !== undefined ? s.samples[id] : undefined;
        return {
          engineErrors: { ...s.engineErrors, [msg.scope]: msg.message },
          ...(msg.requestId !== undefined ? { requestErrors: putCapped(s.requestErrors, msg.requestId, msg.message) } : {}),
          ...(st ? { samples: { ...s.samples, [id!]: { ...st, running: false, error: msg.message } } } : {}),
          ...(msg.scope === 'kernel' && id !== undefined ? failKernelRequest(s, id) : {}),
          ...(msg.scope === 'measure' ? { gpuMeasuring: null } : {}),
        };
      });
      break;
    case 'kernel-catalog':
    case 'kernel-compiled':
    case 'kernel-checked':
    case 'kernel-timed':
    case 'kernel-swapped':
      set((s) => reduceKernelLab(s, msg));
      break;
    case 'gpu-measure-progress':
    case 'gpu-measured':
      set((s) => reduceGpuMeasure(s, msg));
      break;
    case 'notice':
      set((s) => ({ notices: [...s.notices.slice(-4), msg.message] }));
      break;
  }
}

/** The scope whose error a command replaces (using a control again clears its old error). */
export function scopeOf(msg: ToWorker): ErrorScope | undefined {
  switch (msg.type) {
    case 'start': case 'pause': case 'resume': case 'reset': case 'evaluate': case 'restore': return 'train';
    case 'sample': return 'sample';
    case 'dataset-upload': return 'data';
    case 'classify-text': case 'class-report': return 'classify';
    case 'score-instruct': return 'score';
    case 'attention': return 'attention';
    case 'tokenize': return 'tokenize';
    case 'ckpt-upload': return 'upload';
    case 'ckpt-save': case 'ckpt-delete': case 'ckpt-download': case 'ckpt-list': return 'checkpoint';
    case 'kernel-check': case 'kernel-time': case 'kernel-swap': case 'kernel-restore': return 'kernel';
    case 'gpu-measure': return 'measure';
    default: return undefined;
  }
}

/** How commands reach the engine; tests pass a recorder instead of the worker. */
export interface EngineLink {
  send(msg: ToWorker, transfer?: Transferable[]): void;
}

/** The worker as an EngineLink: clears the command's old error, then posts it. */
export const workerLink: EngineLink = {
  send(msg, transfer = []) {
    const sc = scopeOf(msg);
    if (sc) useLab.setState((s) => ({ engineErrors: { ...s.engineErrors, [sc]: undefined } }));
    if (msg.type === 'sample') {
      useLab.setState((s) => ({
        sampleId: msg.requestId,
        samples: putCapped(s.samples, msg.requestId, { requestId: msg.requestId, prompt: msg.prompt, model: msg.model ?? 'run', tokens: [], running: true }),
      }));
    }
    // A new request starts clean (a pane may reuse its id).
    if ('requestId' in msg && msg.type !== 'sample') {
      const id = msg.requestId;
      useLab.setState((s) => {
        const errs = { ...s.requestErrors };
        delete errs[id];
        const prog = { ...s.progress };
        delete prog[id];
        return { requestErrors: errs, progress: prog };
      });
    }
    if (!worker) {
      const message = 'The engine is not running (no WebGPU worker in this page).';
      if ('requestId' in msg) applyWorkerEvent({ type: 'error', scope: sc ?? 'train', message, requestId: msg.requestId });
      else if (sc) applyWorkerEvent({ type: 'error', scope: sc, message });
      return;
    }
    worker.postMessage(msg, transfer);
  },
};

/** Starts the worker (once) and asks it to set up the GPU. */
export function startEngine(): void {
  if (worker) return;
  if (typeof Worker === 'undefined') {
    useLab.setState({ gpu: { state: 'unavailable', reason: 'no-worker', message: 'This browser cannot start module Web Workers.' } });
    return;
  }
  try {
    worker = new Worker(new URL('../worker/engine.worker.ts', import.meta.url), { type: 'module', name: 'lab-engine' });
  } catch (e) {
    useLab.setState({ gpu: { state: 'unavailable', reason: 'no-worker', message: `The engine worker could not start: ${String(e)}` } });
    return;
  }
  worker.onmessage = (ev: MessageEvent<FromWorker>) => applyWorkerEvent(ev.data);
  worker.onerror = (ev) => {
    useLab.setState({ gpu: { state: 'unavailable', reason: 'no-worker', message: `The engine worker failed: ${ev.message}` } });
  };
  // For the e2e test of device-loss recovery only (page opened with ?lab-debug): destroys the engine's GPUDevice.
  if (new URLSearchParams(location.search).has('lab-debug')) {
    (globalThis as { __labLoseDevice?: () => void }).__labLoseDevice = () => worker?.postMessage({ type: 'debug-lose-device' } satisfies ToWorker);
  }
  const msg: ToWorker = { type: 'init', baseUrl: new URL(import.meta.env.BASE_URL, document.baseURI).href };
  worker.postMessage(msg);
}
