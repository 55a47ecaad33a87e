/**
 * What the lesson does as a run moves along, as pure functions: when a lesson-2 run finishes the
 * page asks for its test report, and when that report arrives for a run this visit saw training,
 * one summary row goes into the runs slice. A finished run brought back by a reload shows its
 * report again but adds no second row.
 */
import type { ClassifierRunSummary } from '../../store/runsSlice.ts';
import type { RunState } from '../../store/trainingSlice.ts';
import type { ClassReport } from '../../store/api.ts';
import { classifyTaskOf, type ClassifyTask } from './setup.ts';

/** What the page remembers about the current lesson-2 run. */
export interface RunWatch {
  /** a run is under way (loading, training or paused) since the last one finished */
  inRun: boolean;
  /** this visit saw the run training (so its result is new) */
  saw: boolean;
  /** the finished run's report is awaited (the engine sends it by itself) or was asked for */
  settled: boolean;
}

export const FRESH_WATCH: RunWatch = { inRun: false, saw: false, settled: false };

export interface RunChange {
  watch: RunWatch;
  /** a new run began: forget the previous report (and note which report is now stale) */
  began: boolean;
  /**
   * The run finished. 'await': this visit watched it train, so the engine's own test report
   * (requestId 0) is the new result and goes into the table. 'ask': the finished run came back
   * from its autosave, so the page asks for its report to show it, and records nothing.
   */
  finished: { task: ClassifyTask; how: 'await' | 'ask' } | null;
}

/** The next watch state and what to do, for a new run state. Other kinds of run change nothing. */
export function onRunChange(w: RunWatch, run: RunState): RunChange {
  const task = classifyTaskOf(run.settings);
  if (!task) return { watch: w, began: false, finished: null };
  const st = run.status;
  if (st === 'loading' || st === 'training' || st === 'paused') {
    const began = !w.inRun && st !== 'paused';
    return { watch: { inRun: w.inRun || st !== 'paused', saw: (began ? false : w.saw) || st === 'training', settled: began ? false : w.settled }, began, finished: null };
  }
  if (st === 'done' && !w.settled) {
    return { watch: { inRun: false, saw: false, settled: true }, began: false, finished: { task, how: w.saw ? 'await' : 'ask' } };
  }
  return { watch: { ...w, inRun: st === 'done' ? false : w.inRun }, began: false, finished: null };
}

/** The run table's row for a finished run and its test report. */
export function summaryOf(task: ClassifyTask, report: Pick<ClassReport, 'accuracy' | 'trainableParams' | 'seconds'>, params: RunState['params'], now: number): ClassifierRunSummary {
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
