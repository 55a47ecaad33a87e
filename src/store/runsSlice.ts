/**
 * A plain summary of the learner's finished runs, for the quiz's questions about their own
 * results and the comparison tables of lessons 2 and 3, and the latest finished run's report of
 * each kind, which the lessons show. The bridge hands every 'run-report' to fileRunReport, the one
 * place a finished run is filed (reports.ts makes the row); lessons only read. Empty by default, saved to localStorage, at most MAX_RUNS of each kind (the oldest
 * dropped). No curves or weights here. Also derives the trainable-parameter count of each
 * classifier choice from the model's parameter table, so the lesson can show it before a run.
 */
import type { StateCreator } from 'zustand';
import { PRESETS } from '../model/config.ts';
import { FREEZE_CHOICES, frozenFor, parameterCounts, type FreezeChoice } from '../model/finetune.ts';
import { LORA_TARGETS } from '../model/lora.ts';
import { gptParamSpecs } from '../model/params.ts';
import type { PresetId, RunReport, TaskKind } from '../worker/protocol.ts';
import { fileReport } from './reports.ts';
import { forget, isRecord, loadSaved, save } from './persist.ts';
import type { ReadAt } from '../train/sources.ts';

export const RUNS_KEY = 'webgpu-llm-lab.runs.v1';
export const MAX_RUNS = 20;

// What the classification lesson lets train (only the new head, the last block too, everything, or
// LoRA) is the model's own FreezeChoice; components read it from here.
export { FREEZE_CHOICES, type FreezeChoice } from '../model/finetune.ts';

export type { ReadAt } from '../train/sources.ts';

/** A finished spam-classification run. */
export interface ClassifierRunSummary {
  choice: FreezeChoice;
  /** absent in summaries saved before the read position was recorded: those read at 'last' */
  readAt?: ReadAt;
  /** LoRA rank r, for choice 'lora' */
  loraRank?: number;
  trainableParams: number;
  /** Fraction in [0, 1] of the test set classified correctly. */
  testAccuracy: number;
  /** Fraction of the everyday messages (and the learner's own, `everydayN` in all) classified correctly; absent in rows saved before it was measured */
  everydayAccuracy?: number;
  everydayN?: number;
  /** Wall-clock training time. */
  seconds: number;
  /** Date.now() when the run finished. */
  finishedAt: number;
}

/** A finished instruction-tuning run. */
export interface InstructRunSummary {
  /** Whether the prompt tokens were masked out of the loss. */
  masked: boolean;
  lora: boolean;
  steps: number;
  /** Fraction in [0, 1] of evaluation samples that followed the response format. */
  formatAdherence: number;
  finishedAt: number;
  /** LoRA rank r when `lora` (lesson 3 records it; older summaries have none) */
  loraRank?: number;
  /** per task family: answers its scorer accepted, of those scored (lesson 3's test-split sample) */
  families?: { family: string; correct: number; total: number }[];
  /** the base model's format adherence on the same instructions, for the before/after comparison */
  baseFormatAdherence?: number;
  /** the preset of the tuned model and the checkpoint it started from */
  preset?: string;
  parent?: string;
}

export interface LearnerRuns {
  classifier: ClassifierRunSummary[];
  instruct: InstructRunSummary[];
}

export const EMPTY_RUNS: LearnerRuns = { classifier: [], instruct: [] };

export interface RunsSlice {
  runs: LearnerRuns;
  /** the latest finished run's report of each kind (cleared when a new run of that kind starts); not saved */
  reports: Partial<Record<TaskKind, RunReport>>;
  /** keeps a finished run's report and files its row (`restored`: it came back from its autosave, filed before) */
  fileRunReport(report: RunReport, restored: boolean): void;
  addClassifierRun(run: ClassifierRunSummary): void;
  addInstructRun(run: InstructRunSummary): void;
  clearRuns(): void;
}

const CHOICES: readonly string[] = FREEZE_CHOICES;
const fraction = (x: unknown) => typeof x === 'number' && x >= 0 && x <= 1;
const count = (x: unknown) => Number.isFinite(x) && (x as number) >= 0;
const optional = (x: unknown, ok: (v: unknown) => boolean) => x === undefined || ok(x);

function isClassifierRun(x: unknown): x is ClassifierRunSummary {
  return (
    isRecord(x) && CHOICES.includes(x.choice as string) && count(x.trainableParams) && fraction(x.testAccuracy) && count(x.seconds) && count(x.finishedAt) &&
    optional(x.readAt, (v) => v === 'last' || v === 'first') && optional(x.loraRank, (v) => Number.isInteger(v) && (v as number) >= 1) &&
    optional(x.everydayAccuracy, fraction) && optional(x.everydayN, count)
  );
}

/** The read position of a saved run (older summaries have none: they read at the last token). */
export const readAtOf = (r: ClassifierRunSummary): ReadAt => r.readAt ?? 'last';

/**
 * Trainable and total parameters of a 2-class classifier built on a preset's model, for one choice
 * (LoRA: rank r on all four matmuls of every block, as the engine trains it), read off the same
 * parameter table the engine builds. Undefined for an unknown preset.
 */
export function classifierParamCounts(preset: PresetId | string, choice: FreezeChoice, loraRank = 8): { trainable: number; total: number } | undefined {
  const c = PRESETS.find((p) => p.id === preset)?.config;
  if (!c) return undefined;
  const opts = { nClasses: 2, lora: choice === 'lora' ? { rank: loraRank, alpha: 2 * loraRank, targets: LORA_TARGETS } : undefined };
  return parameterCounts(gptParamSpecs(c, { ...opts, frozen: frozenFor(choice, c, opts) }));
}

const isFamilyScore = (f: unknown) => isRecord(f) && typeof f.family === 'string' && count(f.correct) && count(f.total) && (f.correct as number) <= (f.total as number);

function isInstructRun(x: unknown): x is InstructRunSummary {
  return (
    isRecord(x) && typeof x.masked === 'boolean' && typeof x.lora === 'boolean' && count(x.steps) && fraction(x.formatAdherence) && count(x.finishedAt) &&
    optional(x.loraRank, (v) => Number.isInteger(v) && (v as number) >= 1) && optional(x.families, (v) => Array.isArray(v) && v.every(isFamilyScore)) &&
    optional(x.baseFormatAdherence, fraction) && optional(x.preset, (v) => typeof v === 'string') && optional(x.parent, (v) => typeof v === 'string')
  );
}

/** Validates saved runs, keeping only well-formed entries; undefined when it is not an object. */
export function parseRuns(x: unknown): LearnerRuns | undefined {
  if (!isRecord(x)) return undefined;
  const list = (v: unknown) => (Array.isArray(v) ? v : []);
  return { classifier: list(x.classifier).filter(isClassifierRun).slice(-MAX_RUNS), instruct: list(x.instruct).filter(isInstructRun).slice(-MAX_RUNS) };
}

export const createRunsSlice: StateCreator<RunsSlice, [], [], RunsSlice> = (set, get) => {
  const update = (f: (r: LearnerRuns) => LearnerRuns) => {
    set((s) => ({ runs: f(s.runs) }));
    save(RUNS_KEY, get().runs);
  };
  return {
    runs: loadSaved(RUNS_KEY, parseRuns) ?? EMPTY_RUNS,
    reports: {},
    fileRunReport: (report, restored) => {
      set((s) => ({ reports: { ...s.reports, [report.kind]: report } }));
      if (!restored) update((r) => fileReport(r, report, Date.now(), MAX_RUNS));
    },
    addClassifierRun: (run) => update((r) => ({ ...r, classifier: [...r.classifier, run].slice(-MAX_RUNS) })),
    addInstructRun: (run) => update((r) => ({ ...r, instruct: [...r.instruct, run].slice(-MAX_RUNS) })),
    clearRuns: () => {
      set({ runs: EMPTY_RUNS });
      forget(RUNS_KEY);
    },
  };
};
