/**
 * The engine's module worker: owns the GPUDevice and answers the page's messages.
 * A thin adapter: the work itself lives in src/gpu (and, later, src/train).
 */
/// <reference lib="webworker" />
import { requestLabDevice, WebGPUUnavailableError } from '../gpu/device.ts';
import { runSelfTest } from '../gpu/selftest.ts';
import type { FromWorker, ToWorker } from './protocol.ts';

const post = (msg: FromWorker) => (self as unknown as DedicatedWorkerGlobalScope).postMessage(msg);

async function init(): Promise<void> {
  try {
    const lab = await requestLabDevice((self as unknown as { navigator: Navigator }).navigator.gpu, {
      onLost: (info) => post({ type: 'gpu-lost', ...info }),
      onUncapturedError: (message) => post({ type: 'gpu-error', message }),
    });
    const st = await runSelfTest(lab.device);
    post({ type: 'gpu-ready', report: lab.report, selfTest: st });
  } catch (e) {
    if (e instanceof WebGPUUnavailableError) post({ type: 'gpu-unavailable', reason: e.reason, message: e.message });
    else post({ type: 'gpu-unavailable', reason: 'device-failed', message: String((e as Error)?.message ?? e) });
  }
}

self.onmessage = (ev: MessageEvent<ToWorker>) => {
  if (ev.data.type === 'init') void init();
};
