/**
 * Lesson 3's door to the store and the engine (through the store's api.ts): starting, pausing and
 * resuming an instruction run, bringing back its autosave, asking for test-split scores of a
 * checkpoint or of the run's model, and reading them back by request id. The other lesson-3
 * components are props-only; this file and useSideBySide.ts are the only ones that send.
 */
import { useEffect, useMemo, useState } from 'react';
import { restoreRun, scoreInstruct, selectInstructScores, selectProgress, selectRequestError, startFinetune } from '../../store/api.ts';
import { workerLink } from '../../store/bridge.ts';
import { useLab } from '../../store/index.ts';
import { INSTRUCT_RECIPE, INSTRUCT_SCORING } from '../../lessons/instruct/recipe.ts';
import type { RunSettings, SlotInfo } from '../../store/trainingSlice.ts';
import type { InstructDraft } from './InstructControls.tsx';
import type { ScoreSet } from './ScoresPanel.tsx';


/** The run settings the lesson sends for a draft, on a base model of `preset`. */
export function instructRunSettings(d: InstructDraft, preset: RunSettings['preset'], batch: number): RunSettings {
  return {
    preset, steps: d.steps, lr: INSTRUCT_RECIPE.lr, seed: INSTRUCT_RECIPE.seed, batch,
    task: { kind: 'instruct', maskPrompt: d.maskPrompt, lora: d.lora, loraRank: d.loraRank, dataset: 'instruct' },
  };
}

/** Starts an instruction-tuning run from the draft's base checkpoint. */
export function startInstructRun(d: InstructDraft, preset: RunSettings['preset'], batch: number): void {
  const { task, ...settings } = instructRunSettings(d, preset, batch);
  if (task?.kind !== 'instruct') return;
  startFinetune({ task, fromSlot: d.from, settings });
}

export const pauseRun = () => workerLink.send({ type: 'pause' });
export const resumeRun = () => workerLink.send({ type: 'resume' });
/** Brings back the learner's autosaved instruction run (paused). */
export const restoreInstructRun = () => restoreRun('instruct');
export const listCheckpoints = () => workerLink.send({ type: 'ckpt-list' });

/** Asks for the format adherence and family scores of `model` on `limit` test instructions; returns the request id. */
export function requestScores(model: string, limit: number, maxTokens: number): number {
  return scoreInstruct(model, { limit, maxTokens, seed: INSTRUCT_SCORING.seed });
}

/** What has come back for one score request. */
export interface ScoreResult {
  scores: ScoreSet | null;
  progress: { done: number; total: number } | null;
  error: string | null;
}

/** The scores (or the progress, or the error) of one request; all null for no request. */
export function useScore(requestId: number | null): ScoreResult {
  const scores = useLab(selectInstructScores(requestId));
  const progress = useLab(selectProgress(requestId));
  const error = useLab(selectRequestError(requestId));
  return { scores: scores?.scores ?? null, progress: progress ?? null, error: error ?? null };
}

/**
 * The checkpoint list with the shipped entries kept: the engine's autosave sends the saved slots
 * alone (the shipped ones are listed only on a full 'ckpt-list'), and a base model must not drop out
 * of the "start from" choice or the lineage because of that. Shipped checkpoints cannot be deleted,
 * so one seen once stays valid for the page's life.
 */
export function useCheckpointList(): SlotInfo[] {
  const slots = useLab((s) => s.slots);
  const [shipped, setShipped] = useState<SlotInfo[]>(() => slots.filter((s) => s.shipped));
  useEffect(
    () =>
      useLab.subscribe((s, prev) => {
        if (s.slots !== prev.slots && s.slots.some((x) => x.shipped)) setShipped(s.slots.filter((x) => x.shipped));
      }),
    [],
  );
  return useMemo(() => (slots.some((s) => s.shipped) ? slots : [...slots, ...shipped]), [slots, shipped]);
}
