/**
 * The kernel lab's door to the engine: commands as data (label, predicate, perform, as in
 * commands.ts) for Check, Time, Swap and Restore, and the API calls the page makes (catalog,
 * compile as you type, edits kept and reset). Answers land in kernelLabSlice by request id.
 *
 *   call                          answer in the store (useLab)
 *   loadKernelCatalog()           kernels
 *   compileKernel(file, code)     kernelFiles[file].messages
 *   runKernelCommand(cmd, t):
 *     checkKernel                 kernelFiles[file].check (busy 'check' meanwhile)
 *     timeKernel                  kernelFiles[file].time
 *     swapKernel                  kernelSwapped, kernelSwaps (the loss chart's marks)
 *     restoreKernel               kernelSwapped, kernelSwaps
 *   editKernel / resetKernel      kernelEdits (and localStorage)
 *   errors                        engineErrors.kernel
 */
import type { KernelCheckState, ToWorker } from '../worker/protocol.ts';
import { workerLink, type EngineLink } from './bridge.ts';
import { useLab, type LabState } from './index.ts';
import { saveKernelEdits, type KernelRequest } from './kernelLabSlice.ts';

export type { KernelCheckReport, KernelInfo, KernelMessage, KernelSwap, KernelTimeReport } from '../worker/protocol.ts';

/** The state the kernel commands read. */
export type KernelCommandState = Pick<LabState, 'gpu' | 'run' | 'kernels' | 'kernelFiles' | 'kernelSwapped' | 'kernelEdits'>;

/** What a kernel command acts on: a file and the text in the editor. */
export interface KernelTarget {
  file: string;
  code: string;
}

export interface KernelCommand {
  id: string;
  label: string;
  predicate(s: KernelCommandState, t: KernelTarget): boolean;
  perform(link: EngineLink, s: KernelCommandState, t: KernelTarget): void;
}

// Far from the other request ids (api.ts), so a kernel answer never lands on a sample.
let next = 1_000_000_000 + Math.floor(Math.random() * 1000) * 100_000;

/** Records what a request is about (so its answer finds its file), then sends it. */
function request(link: EngineLink, kind: KernelRequest['kind'], t: KernelTarget): void {
  const requestId = ++next;
  useLab.setState((s) => ({
    kernelRequests: { ...s.kernelRequests, [requestId]: { file: t.file, kind, code: t.code } },
    ...(kind === 'compile' ? {} : { kernelFiles: { ...s.kernelFiles, [t.file]: { ...s.kernelFiles[t.file], busy: kind } } }),
  }));
  link.send({ type: `kernel-${kind}`, requestId, file: t.file, code: t.code } as ToWorker);
}

const gpuReady = (s: KernelCommandState) => s.gpu.state === 'ready';
const idle = (s: KernelCommandState, t: KernelTarget) => !s.kernelFiles[t.file]?.busy;
/** The run has a model whose pipelines a swap can replace. */
export const runIsLive = (s: KernelCommandState) => ['training', 'paused', 'done'].includes(s.run.status);

/** How the text in the editor fared in its last Check: a Check of other text does not count. */
export function checkStateOf(s: KernelCommandState, t: KernelTarget): KernelCheckState {
  const c = s.kernelFiles[t.file]?.check;
  if (!c || c.code !== t.code) return 'unchecked';
  return c.report.ok ? 'passed' : 'failed';
}

export const checkKernel: KernelCommand = {
  id: 'kernel-check',
  label: 'Check',
  predicate: (s, t) => gpuReady(s) && idle(s, t),
  perform: (link, _s, t) => request(link, 'check', t),
};

export const timeKernel: KernelCommand = {
  id: 'kernel-time',
  label: 'Time',
  predicate: (s, t) => gpuReady(s) && idle(s, t),
  perform: (link, _s, t) => request(link, 'time', t),
};

export const swapKernel: KernelCommand = {
  id: 'kernel-swap',
  label: 'Swap into training',
  predicate: (s) => gpuReady(s) && runIsLive(s),
  perform: (link, s, t) => link.send({ type: 'kernel-swap', file: t.file, code: t.code, checked: checkStateOf(s, t) }),
};

export const restoreKernel: KernelCommand = {
  id: 'kernel-restore',
  label: 'Restore the shipped kernel',
  predicate: (s, t) => gpuReady(s) && s.kernelSwapped.includes(t.file),
  perform: (link, _s, t) => link.send({ type: 'kernel-restore', file: t.file }),
};

export const KERNEL_COMMANDS = { checkKernel, timeKernel, swapKernel, restoreKernel };

/** Runs a kernel command on the current state through the engine (the page's buttons call this). */
export function runKernelCommand(cmd: KernelCommand, t: KernelTarget, link: EngineLink = workerLink): void {
  cmd.perform(link, useLab.getState(), t);
}

/** Asks the engine for the editable kernels (once per page load is enough). */
export function loadKernelCatalog(link: EngineLink = workerLink): void {
  link.send({ type: 'kernel-catalog' });
}

/** Compiles the editor's text; the messages replace the file's markers when they come back. */
export function compileKernel(t: KernelTarget, link: EngineLink = workerLink): void {
  request(link, 'compile', t);
}

/** Keeps the learner's text for a file (the shipped text itself is not stored). */
export function editKernel(file: string, code: string): void {
  const shipped = useLab.getState().kernels?.find((k) => k.file === file)?.code;
  const edits = { ...useLab.getState().kernelEdits };
  if (code === shipped) delete edits[file];
  else edits[file] = code;
  useLab.setState({ kernelEdits: edits });
  saveKernelEdits(edits);
}

/** Forgets the learner's text for a file: the editor shows the shipped text again. */
export function resetKernel(file: string): void {
  const edits = { ...useLab.getState().kernelEdits };
  delete edits[file];
  useLab.setState({ kernelEdits: edits });
  saveKernelEdits(edits);
}

/** The text the editor shows for a file: the learner's, else the shipped one. */
export const selectKernelText = (file: string) => (s: LabState): string | undefined => s.kernelEdits[file] ?? s.kernels?.find((k) => k.file === file)?.code;
