/**
 * What the lesson does as a run moves along, as pure functions: when a lesson-2 run finishes the
 * page asks for its test report, and when that report arrives for a run this visit saw training,
 * one summary row goes into the runs slice. A finished run brought back by a reload shows its
 * report again but adds no second row.
 */
import type { ClassifierRunSummary } from '../../store/runsSlice.ts';
import type { RunState } from '../../store/trainingSlice.ts';
import type { ReportView } from './ClassReportView.tsx';
import { classifyTaskOf, type ClassifyTask } from './setup.ts';

/** What the page remembers about the current lesson-2 run. */
export interface RunWatch {
  /** this visit saw the run training (so its result is new) */
  saw: boolean;
  /** the test report of the finished run was asked for */
  asked: boolean;
}

export const FRESH_WATCH: RunWatch = { saw: false, asked: false };

export interface RunChange {
  watch: RunWatch;
  /** ask for the test report now; `record` when the result is a new run for the table */
  ask: { task: ClassifyTask; record: boolean } | null;
  /** a new run began: forget the previous report */
  clear: boolean;
}

/** The next watch state and what to do, for a new run state. Other kinds of run change nothing. */
export function onRunChange(w: RunWatch, run: RunState): RunChange {
  const task = classifyTaskOf(run.settings);
  if (!task) return { watch: w, ask: null, clear: false };
  if (run.status === 'loading' || run.status === 'training') {
    return { watch: { saw: w.saw || run.status === 'training', asked: false }, ask: null, clear: w.asked };
  }
  if (run.status === 'done' && !w.asked) return { watch: { saw: false, asked: true }, ask: { task, record: w.saw }, clear: false };
  return { watch: w, ask: null, clear: false };
}

/** The run table's row for a finished run and its test report. */
export function summaryOf(task: ClassifyTask, report: ReportView & { trainableParams: number | null; seconds: number }, params: RunState['params'], now: number): ClassifierRunSummary {
  return {
    choice: task.choice,
    readAt: task.readAt,
    loraRank: task.choice === 'lora' ? task.loraRank : undefined,
    trainableParams: report.trainableParams ?? params?.trainable ?? 0,
    testAccuracy: report.accuracy,
    seconds: Math.max(0, report.seconds),
    finishedAt: now,
  };
}
