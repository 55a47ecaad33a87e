/**
 * What the learner picks before a lesson-2 run (start model, what trains, LoRA rank, read
 * position, data, steps) and the run settings the engine is sent for it. Pure: no store, no React.
 */
import type { FreezeChoice, ReadAt } from '../../store/runsSlice.ts';
import type { FinetuneArgs } from '../../store/commands.ts';
import type { RunSettings } from '../../store/trainingSlice.ts';
import { CLASSIFY_RECIPE } from '../../lessons/classify/recipe.ts';

/** The classify member of the protocol's TaskSettings. */
export type ClassifyTask = Extract<NonNullable<RunSettings['task']>, { kind: 'classify' }>;

export interface ClassifySetup {
  /** checkpoint id to start from (a shipped base or the learner's own) */
  start: string;
  choice: FreezeChoice;
  loraRank: number;
  readAt: ReadAt;
  dataset: 'spam' | 'upload';
  steps: number;
  batch: number;
  lr: number;
  seed: number;
}

/** The lesson's default setup: its recipe (src/lessons/classify/recipe.ts), on the shipped spam set. */
export const DEFAULT_SETUP: Omit<ClassifySetup, 'start'> = {
  choice: CLASSIFY_RECIPE.choice, loraRank: CLASSIFY_RECIPE.loraRank, readAt: CLASSIFY_RECIPE.readAt, dataset: 'spam',
  steps: CLASSIFY_RECIPE.steps, batch: CLASSIFY_RECIPE.batch, lr: CLASSIFY_RECIPE.lr, seed: CLASSIFY_RECIPE.seed,
};

/** Problems with the numbers typed in, by field; empty when the run can start. */
export function setupErrors(s: ClassifySetup): Partial<Record<'steps' | 'batch' | 'lr' | 'start', string>> {
  const e: Partial<Record<'steps' | 'batch' | 'lr' | 'start', string>> = {};
  if (!s.start) e.start = 'Choose a model to start from.';
  if (!(Number.isInteger(s.steps) && s.steps >= 1 && s.steps <= 100_000)) e.steps = 'Steps must be a whole number from 1 to 100,000.';
  if (!(Number.isInteger(s.batch) && s.batch >= 1 && s.batch <= 64)) e.batch = 'Batch must be a whole number from 1 to 64.';
  if (!(s.lr > 0 && s.lr <= 0.1)) e.lr = 'The learning rate must be above 0 and at most 0.1.';
  return e;
}

/** The task the engine trains for this setup. */
export function taskOf(s: ClassifySetup): ClassifyTask {
  return { kind: 'classify', choice: s.choice, loraRank: s.loraRank, readAt: s.readAt, dataset: s.dataset };
}

/** The finetuning start of this setup on a start model of the given preset (store/api.ts startFinetune). */
export function classifyStart(s: ClassifySetup, preset: RunSettings['preset']): FinetuneArgs {
  const { task: _task, ...settings } = runSettingsFor(s, preset);
  return { task: taskOf(s), fromSlot: s.start, settings };
}

/** The run settings for this setup on a start model of the given preset. */
export function runSettingsFor(s: ClassifySetup, preset: RunSettings['preset']): RunSettings {
  return { preset, steps: s.steps, lr: s.lr, seed: s.seed, batch: s.batch, task: taskOf(s) };
}

/** The classify task of a run's settings, or null when the run is not a lesson-2 run. */
export function classifyTaskOf(settings: RunSettings | null | undefined): ClassifyTask | null {
  const t = settings?.task;
  return t && t.kind === 'classify' ? t : null;
}

/**
 * Messages as a delimited file the data loaders read back identically: a "label<d>text" header,
 * then one row per message with the text always in double quotes (inner quotes doubled), so
 * delimiters and newlines inside a message survive.
 */
export function toDelimited(messages: readonly { label: string; text: string }[], delimiter: ',' | '\t'): string {
  const q = (t: string) => `"${t.replace(/"/g, '""')}"`;
  return [`label${delimiter}text`, ...messages.map((m) => `${m.label}${delimiter}${q(m.text)}`)].join('\n') + '\n';
}
