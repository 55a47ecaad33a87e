/**
 * The bridge: starts the engine worker once and turns its events into store updates.
 * The only place that talks to the worker.
 */
import type { FromWorker, ToWorker } from '../worker/protocol.ts';
import { useLab } from './index.ts';

let worker: Worker | undefined;

/** Applies one worker event to the store. Exported for tests. */
export function applyWorkerEvent(msg: FromWorker): void {
  const set = useLab.setState;
  switch (msg.type) {
    case 'gpu-ready':
      set({ gpu: { state: 'ready', report: msg.report, selfTestMaxDiff: msg.selfTest.maxAbsDiff, selfTestMs: msg.selfTest.ms } });
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
  }
}

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
  const msg: ToWorker = { type: 'init' };
  worker.postMessage(msg);
}
