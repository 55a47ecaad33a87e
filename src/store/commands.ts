/**
 * The engine's commands as data (STYLE.md "Commands"): a label, a predicate saying whether it can
 * run in the current state, and a perform function that sends it through an EngineLink. Buttons,
 * keyboard shortcuts and a scripted classroom demo all use these; tests run them on a plain state
 * with a recording link, without rendering anything.
 */
import type { EngineLink } from './bridge.ts';
import type { LabState } from './index.ts';
import { presetRows } from './presets.ts';

/** The slice of the state commands read. */
export type CommandState = Pick<LabState, 'gpu' | 'run' | 'draft' | 'sample' | 'sampleDraft'>;

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

let nextRequest = 1;

export const sampleText: Command = {
  id: 'sample',
  label: 'Generate',
  predicate: (s) => gpuReady(s) && hasModel(s) && s.run.status !== 'recovering' && !s.sample?.running,
  perform: (link, s) => link.send({ type: 'sample', requestId: nextRequest++, ...s.sampleDraft }),
};

export const saveCheckpointAs: Command<string> = {
  id: 'save',
  label: 'Save checkpoint',
  predicate: (s) => gpuReady(s) && hasModel(s) && s.run.status !== 'recovering',
  perform: (link, _s, name) => link.send({ type: 'ckpt-save', name }),
};

/** Every command, for a demo script or a command palette. */
export const COMMANDS = { startRun, loadRun, pauseRun, resumeRun, resetRun, evaluateRun, sampleText, saveCheckpointAs };
