/**
 * The engine's commands as data (STYLE.md "Commands"): a label, a predicate saying whether it can
 * run in the current state, and a perform function that sends it through an EngineLink. Buttons,
 * keyboard shortcuts and a scripted classroom demo all use these; tests run them on a plain state
 * with a recording link, without rendering anything.
 */
import type { ClassReport, RunSettings, TaskKind, TaskSettings } from '../worker/protocol.ts';
import type { EngineLink } from './bridge.ts';
import type { LabState } from './index.ts';
import { presetRows } from './presets.ts';

/** The slice of the state commands read. */
export type CommandState = Pick<LabState, 'gpu' | 'run' | 'draft' | 'sampleDraft' | 'sampleId' | 'samples' | 'myMessages'>;

export interface Command<A = void> {
  id: string;
  label: string;
  /** true when the command makes sense now (the button is enabled) */
  predicate(s: CommandState): boolean;
  perform(link: EngineLink, s: CommandState, arg: A): void;
}

const gpuReady = (s: CommandState) => s.gpu.state === 'ready';
const busy = (s: CommandState) => s.run.status === 'training' || s.run.status === 'loading' || s.run.status === 'recovering';
const hasModel = (s: CommandState) => s.run.status !== 'idle' && s.run.status !== 'loading';

/** Why the draft preset cannot train on this GPU (presetDoesNotFit), or null. */
export function draftRefused(s: CommandState): string | null {
  if (s.gpu.state !== 'ready') return null;
  return presetRows(s.gpu.report.limits, () => s.draft.batch).find((r) => r.id === s.draft.preset)?.refused ?? null;
}

export const startRun: Command = {
  id: 'start',
  label: 'Train from scratch',
  predicate: (s) => gpuReady(s) && !busy(s) && draftRefused(s) === null,
  perform: (link, s) => link.send({ type: 'start', settings: s.draft }),
};

export const loadRun: Command<string> = {
  id: 'load',
  label: 'Continue from this checkpoint',
  predicate: (s) => gpuReady(s) && !busy(s),
  perform: (link, s, slotId) => link.send({ type: 'start', settings: s.draft, fromSlot: slotId }),
};

export const pauseRun: Command = {
  id: 'pause',
  label: 'Pause',
  predicate: (s) => s.run.status === 'training',
  perform: (link) => link.send({ type: 'pause' }),
};

export const resumeRun: Command = {
  id: 'resume',
  label: 'Resume',
  predicate: (s) => gpuReady(s) && s.run.status === 'paused' && s.run.step < (s.run.settings?.steps ?? 0),
  perform: (link) => link.send({ type: 'resume' }),
};

export const resetRun: Command = {
  id: 'reset',
  label: 'Reset',
  predicate: (s) => s.run.status !== 'idle' && s.run.status !== 'loading' && s.run.status !== 'recovering',
  perform: (link) => link.send({ type: 'reset' }),
};

export const evaluateRun: Command = {
  id: 'evaluate',
  label: 'Validation loss now',
  predicate: (s) => gpuReady(s) && hasModel(s) && s.run.status !== 'diverged' && s.run.status !== 'recovering',
  perform: (link) => link.send({ type: 'evaluate' }),
};

// The one request-id counter: far from small hand-written ids and random per page load, so two
// tabs' logs never mix ids.
let next = 2_000_000_000 + Math.floor(Math.random() * 1000) * 100_000;
/** A fresh request id (every request of the page takes its id from here). */
export const nextRequestId = (): number => ++next;

/** The workshop's sample (the latest sample request) is still streaming. */
const sampling = (s: CommandState) => s.sampleId !== null && s.samples[s.sampleId]?.running === true;

export const sampleText: Command = {
  id: 'sample',
  label: 'Generate',
  predicate: (s) => gpuReady(s) && hasModel(s) && s.run.status !== 'recovering' && !sampling(s),
  perform: (link, s) => link.send({ type: 'sample', requestId: nextRequestId(), ...s.sampleDraft }),
};

export const saveCheckpointAs: Command<string> = {
  id: 'save',
  label: 'Save checkpoint',
  predicate: (s) => gpuReady(s) && hasModel(s) && s.run.status !== 'recovering',
  perform: (link, _s, name) => link.send({ type: 'ckpt-save', name }),
};

/** What a finetuning start needs: the task, the checkpoint it starts from, and any settings that differ from the draft. */
export interface FinetuneArgs {
  task: Exclude<TaskSettings, { kind: 'pretrain' }>;
  /** a saved or shipped checkpoint id (a base model, or a saved run of the same kind to continue) */
  fromSlot: string;
  settings?: Partial<Omit<RunSettings, 'task'>>;
}

/** The settings a finetuning start sends: the draft, the overrides, the task (a classifier's with the learner's own everyday messages). */
export const finetuneSettings = (s: CommandState, a: FinetuneArgs): RunSettings => ({
  ...s.draft, ...a.settings, task: a.task.kind === 'classify' && !a.task.mine ? { ...a.task, mine: s.myMessages } : a.task,
});

export const startFinetune: Command<FinetuneArgs> = {
  id: 'start-finetune',
  label: 'Start finetuning',
  predicate: (s) => gpuReady(s) && !busy(s),
  perform: (link, s, a) => link.send({ type: 'start', settings: finetuneSettings(s, a), fromSlot: a.fromSlot }),
};

export const restoreRun: Command<TaskKind> = {
  id: 'restore',
  label: 'Bring back my last run',
  predicate: (s) => gpuReady(s) && !busy(s),
  perform: (link, _s, kind) => link.send({ type: 'restore', kind }),
};

export const uploadDataset: Command<{ kind: 'classify' | 'instruct' | 'prefer'; name: string; text: string }> = {
  id: 'upload-dataset',
  label: 'Use my file',
  predicate: gpuReady,
  perform: (link, _s, a) => link.send({ type: 'dataset-upload', ...a }),
};

/** Requests on a model: the page picks the request id (api.ts nextRequestId) and reads the answer by it. */
export const classifyText: Command<{ requestId: number; model: string; text: string }> = {
  id: 'classify-text',
  label: 'Classify',
  predicate: gpuReady,
  perform: (link, _s, a) => link.send({ type: 'classify-text', ...a }),
};

export const requestClassReport: Command<{ requestId: number; model: string; split: ClassReport['split']; limit?: number }> = {
  id: 'class-report',
  label: 'Score on the test set',
  predicate: gpuReady,
  // The everyday split holds the learner's own messages too.
  perform: (link, s, a) => link.send({ type: 'class-report', ...a, ...(a.split === 'everyday' ? { mine: s.myMessages } : {}) }),
};

export const scoreInstruct: Command<{ requestId: number; model: string; limit: number; maxTokens: number; seed: number; families?: string[] }> = {
  id: 'score-instruct',
  label: 'Score on held-out instructions',
  predicate: gpuReady,
  perform: (link, _s, a) => link.send({ type: 'score-instruct', ...a }),
};

/** Every command, for a demo script or a command palette. */
export const COMMANDS = {
  startRun, loadRun, pauseRun, resumeRun, resetRun, evaluateRun, sampleText, saveCheckpointAs,
  startFinetune, restoreRun, uploadDataset, classifyText, requestClassReport, scoreInstruct,
};
