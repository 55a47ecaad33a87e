/**
 * A plain summary of the learner's finished runs, for the quiz's questions about their own
 * results. Lessons append one entry when a run finishes; nothing else. Empty by default, saved to
 * localStorage, at most MAX_RUNS of each kind (the oldest dropped). No curves or weights here.
 */
import type { StateCreator } from 'zustand';
import { forget, isRecord, loadSaved, save } from './persist.ts';

export const RUNS_KEY = 'webgpu-llm-lab.runs.v1';
export const MAX_RUNS = 20;

/** What the classification lesson let train: only the new head, the last block too, everything, or LoRA. */
export type ClassifierChoice = 'head' | 'last-block' | 'all' | 'lora';

/** A finished spam-classification run. */
export interface ClassifierRunSummary {
  choice: ClassifierChoice;
  trainableParams: number;
  /** Fraction in [0, 1] of the test set classified correctly. */
  testAccuracy: number;
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
}

export interface LearnerRuns {
  classifier: ClassifierRunSummary[];
  instruct: InstructRunSummary[];
}

export const EMPTY_RUNS: LearnerRuns = { classifier: [], instruct: [] };

export interface RunsSlice {
  runs: LearnerRuns;
  addClassifierRun(run: ClassifierRunSummary): void;
  addInstructRun(run: InstructRunSummary): void;
  clearRuns(): void;
}

const CHOICES: readonly string[] = ['head', 'last-block', 'all', 'lora'];
const fraction = (x: unknown) => typeof x === 'number' && x >= 0 && x <= 1;
const count = (x: unknown) => Number.isFinite(x) && (x as number) >= 0;

function isClassifierRun(x: unknown): x is ClassifierRunSummary {
  return isRecord(x) && CHOICES.includes(x.choice as string) && count(x.trainableParams) && fraction(x.testAccuracy) && count(x.seconds) && count(x.finishedAt);
}

function isInstructRun(x: unknown): x is InstructRunSummary {
  return isRecord(x) && typeof x.masked === 'boolean' && typeof x.lora === 'boolean' && count(x.steps) && fraction(x.formatAdherence) && count(x.finishedAt);
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
    addClassifierRun: (run) => update((r) => ({ ...r, classifier: [...r.classifier, run].slice(-MAX_RUNS) })),
    addInstructRun: (run) => update((r) => ({ ...r, instruct: [...r.instruct, run].slice(-MAX_RUNS) })),
    clearRuns: () => {
      set({ runs: EMPTY_RUNS });
      forget(RUNS_KEY);
    },
  };
};
