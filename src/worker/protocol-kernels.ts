/**
 * The kernel lab's part of the worker protocol (src/worker/kernellab.ts): read, compile, check,
 * time and swap a kernel's WGSL. Types only; protocol.ts re-exports them with the rest.
 */
import type { MappedMessage } from '../gpu/pipelines.ts';
import type { CheckReport, TimeReport } from '../kernels/lab/lab.ts';

/** An editable kernel file as the lab shows it: its text and what surrounds it, all plain strings. */
export interface KernelInfo {
  file: string;
  title: string;
  summary: string;
  /** the shipped text the engine runs */
  code: string;
  /** the files composed in front of it (common.wgsl, ...), read-only */
  includes: { name: string; code: string }[];
  /** the CPU reference (X.ref.ts), read-only */
  ref: { name: string; code: string };
  signature: string;
  /** a training run on this adapter dispatches this file */
  inTraining: boolean;
  /** what Check runs, for people */
  checkShape: string;
}

/** A compiler message in the file it came from (1-based line and column; line 0: no position). */
export type KernelMessage = MappedMessage;

/** Check's answer: pass, or the first mismatch with its coordinates and both values. */
export type KernelCheckReport = CheckReport;

/** Time's answer: the edited and the shipped text on the model's shapes, and whose shapes (a preset id and batch). */
export type KernelTimeReport = TimeReport & { model: string };

/** How a swapped-in kernel fared in Check when it was swapped (the page warns before a failed one). */
export type KernelCheckState = 'passed' | 'failed' | 'unchecked';

/** One swap or restore during the current run, for the loss chart's marks. */
export interface KernelSwap {
  file: string;
  action: 'swap' | 'restore';
  checked: KernelCheckState;
  /** the run's step and tokens seen when the new kernel took over (null: no run was live) */
  step: number | null;
  tokens: number | null;
}

export type KernelLabToWorker =
  /** the editable kernels (answered with 'kernel-catalog') */
  | { type: 'kernel-catalog' }
  /** compile the edited text of a file in its composed source */
  | { type: 'kernel-compile'; requestId: number; file: string; code: string }
  /** the edited file against its CPU reference */
  | { type: 'kernel-check'; requestId: number; file: string; code: string }
  /** the edited and the shipped file on the current run's shapes (else the small preset's) */
  | { type: 'kernel-time'; requestId: number; file: string; code: string }
  /** run `code` for `file` in the live run from its next step (and in runs started later) */
  | { type: 'kernel-swap'; file: string; code: string; checked: KernelCheckState }
  /** the shipped text again */
  | { type: 'kernel-restore'; file: string };

export type KernelLabFromWorker =
  | { type: 'kernel-catalog'; kernels: KernelInfo[] }
  | { type: 'kernel-compiled'; requestId: number; file: string; messages: KernelMessage[] }
  | { type: 'kernel-checked'; requestId: number; report: KernelCheckReport }
  | { type: 'kernel-timed'; requestId: number; report: KernelTimeReport }
  /** a swap or restore took effect; `swapped`: every file now replaced */
  | { type: 'kernel-swapped'; swap: KernelSwap; swapped: string[] };
