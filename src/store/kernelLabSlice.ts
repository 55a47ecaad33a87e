/**
 * The kernel lab's state: the editable kernels the engine sent, the learner's edits (kept in
 * localStorage, resettable), and per file the latest compile messages, Check and Time answers;
 * which files run edited text in training, and the swaps of the current run (the loss chart marks
 * them). The bridge applies the worker's kernel events through reduceKernelLab; the page calls
 * src/store/kernelLab.ts. Plain strings and numbers only.
 */
import type { StateCreator } from 'zustand';
import type { KernelCheckReport, KernelInfo, KernelLabFromWorker, KernelMessage, KernelSwap, KernelTimeReport } from '../worker/protocol.ts';
import { forget, loadSaved, recordOf, save, type KeyValueStore } from './persist.ts';

export const KERNEL_EDITS_KEY = 'lab.kernel-edits.v1';

/** What a request was about, so its answer lands under its file and knows the text it ran. */
export interface KernelRequest {
  file: string;
  kind: 'compile' | 'check' | 'time';
  code: string;
}

export interface KernelFileState {
  /** compile messages of the latest compile answered */
  messages?: { requestId: number; code: string; list: KernelMessage[] };
  /** the latest Check, with the text it checked */
  check?: { code: string; report: KernelCheckReport };
  time?: { code: string; report: KernelTimeReport };
  /** a Check or Time is running */
  busy?: 'check' | 'time';
}

export interface KernelLabSlice {
  kernels: KernelInfo[] | null;
  /** the learner's text per file, where it differs from the shipped one */
  kernelEdits: Record<string, string>;
  kernelFiles: Record<string, KernelFileState>;
  kernelRequests: Record<number, KernelRequest>;
  /** files that run edited text in training now */
  kernelSwapped: string[];
  /** swaps and restores since the current run started */
  kernelSwaps: KernelSwap[];
}

/** The saved edits (only string values survive). */
export function loadKernelEdits(storage?: KeyValueStore): Record<string, string> {
  return loadSaved(KERNEL_EDITS_KEY, (raw) => recordOf(raw, (v): v is string => typeof v === 'string'), storage) ?? {};
}

/** Saves the edits; an empty set removes the key. */
export function saveKernelEdits(edits: Record<string, string>, storage?: KeyValueStore): void {
  if (Object.keys(edits).length === 0) forget(KERNEL_EDITS_KEY, storage);
  else save(KERNEL_EDITS_KEY, edits, storage);
}

export const createKernelLabSlice: StateCreator<KernelLabSlice, [], [], KernelLabSlice> = () => ({
  kernels: null,
  kernelEdits: loadKernelEdits(),
  kernelFiles: {},
  kernelRequests: {},
  kernelSwapped: [],
  kernelSwaps: [],
});

/** The state change one kernel event makes (pure: the bridge sets it, tests call it directly). */
export function reduceKernelLab(s: KernelLabSlice, msg: KernelLabFromWorker): Partial<KernelLabSlice> {
  const answered = (requestId: number, f: (req: KernelRequest, file: KernelFileState) => KernelFileState): Partial<KernelLabSlice> => {
    const req = s.kernelRequests[requestId];
    if (!req) return {};
    const rest = { ...s.kernelRequests };
    delete rest[requestId];
    return { kernelRequests: rest, kernelFiles: { ...s.kernelFiles, [req.file]: f(req, s.kernelFiles[req.file] ?? {}) } };
  };
  switch (msg.type) {
    case 'kernel-catalog':
      return { kernels: msg.kernels };
    case 'kernel-compiled':
      // answers arrive in order; one for older text than shown already is dropped
      return answered(msg.requestId, (req, f) => (f.messages && f.messages.requestId > msg.requestId ? f : { ...f, messages: { requestId: msg.requestId, code: req.code, list: msg.messages } }));
    case 'kernel-checked':
      return answered(msg.requestId, (req, f) => ({ ...f, busy: undefined, check: { code: req.code, report: msg.report } }));
    case 'kernel-timed':
      return answered(msg.requestId, (req, f) => ({ ...f, busy: undefined, time: { code: req.code, report: msg.report } }));
    case 'kernel-swapped':
      return { kernelSwapped: msg.swapped, kernelSwaps: msg.swap.step === null ? s.kernelSwaps : [...s.kernelSwaps, msg.swap] };
  }
}

/** A Check or Time request that failed: the file is no longer busy. */
export function failKernelRequest(s: KernelLabSlice, requestId: number): Partial<KernelLabSlice> {
  const req = s.kernelRequests[requestId];
  if (!req) return {};
  const rest = { ...s.kernelRequests };
  delete rest[requestId];
  return { kernelRequests: rest, kernelFiles: { ...s.kernelFiles, [req.file]: { ...s.kernelFiles[req.file], busy: undefined } } };
}
