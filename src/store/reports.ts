/**
 * Finished runs into the runs table: the one reducer that turns a run's report (the worker's
 * 'run-report', protocol.ts RunReport) into the row its lesson's table keeps. Pure: the runs slice
 * calls it when the bridge hands it a report; lessons only read the table.
 */
import type { RunReport } from '../worker/protocol.ts';
import type { ClassifierRunSummary, InstructRunSummary, LearnerRuns } from './runsSlice.ts';
import type { ClassReport, RunSettings } from '../worker/protocol.ts';

type ClassifyTask = Extract<NonNullable<RunSettings['task']>, { kind: 'classify' }>;

/** The runs table's row for a finished classifier, its test report and its everyday-messages report (null: not measured). */
export function classifierSummary(
  task: ClassifyTask, report: Pick<ClassReport, 'accuracy' | 'trainableParams' | 'seconds'>, everyday: Pick<ClassReport, 'accuracy' | 'n'> | null,
  params: { trainable: number; total: number } | undefined, now: number,
): ClassifierRunSummary {
  return {
    ...(everyday ? { everydayAccuracy: everyday.accuracy, everydayN: everyday.n } : {}),
    choice: task.choice,
    readAt: task.readAt,
    loraRank: task.choice === 'lora' ? task.loraRank : undefined,
    trainableParams: report.trainableParams ?? params?.trainable ?? 0,
    testAccuracy: report.accuracy,
    seconds: Math.max(0, report.seconds),
    finishedAt: now,
  };
}

/** The row of a finished instruction run with its scores (undefined when it was not scored). */
export function instructSummary(r: Extract<RunReport, { kind: 'instruct' }>, now: number): InstructRunSummary | undefined {
  const t = r.settings.task;
  if (!r.scores || t?.kind !== 'instruct') return undefined;
  return {
    masked: t.maskPrompt, lora: t.lora, loraRank: t.lora ? t.loraRank : undefined, steps: r.step,
    formatAdherence: r.scores.formatAdherence, families: r.scores.families, baseFormatAdherence: r.baseScores?.formatAdherence,
    preset: r.settings.preset, parent: r.parent, finishedAt: now,
  };
}

/** The runs with one finished run filed in its lesson's table (a pretraining run has no table: unchanged). */
export function fileReport(runs: LearnerRuns, r: RunReport, now: number, max: number): LearnerRuns {
  const t = r.settings.task;
  if (r.kind === 'classify' && t?.kind === 'classify') return { ...runs, classifier: [...runs.classifier, classifierSummary(t, r.test, r.everyday ?? null, r.params, now)].slice(-max) };
  const row = r.kind === 'instruct' ? instructSummary(r, now) : undefined;
  return row ? { ...runs, instruct: [...runs.instruct, row].slice(-max) } : runs;
}
