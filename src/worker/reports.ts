/**
 * What a finished run reports, for any kind of run: the lesson's end-of-run figures (pretraining:
 * the last losses; a classifier: its test-split report; instruction tuning: its scores and its start
 * model's on the same held-out instructions). The Run builds the report and posts one 'run-report';
 * the store files it. Also the instruction scoring the page's 'score-instruct' requests share.
 * Thin: the measuring lives in src/train.
 */
import { LABELS } from '../data/types.ts';
import type { GPUModel } from '../model/gpt.ts';
import type { ClassEval } from '../train/classmetrics.ts';
import { precisionRecall } from '../train/classmetrics.ts';
import { heldOutRecords, ofFamilies, pairedApart, scoreInstructions } from '../train/score.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import type { ClassReport, EvalPoint, InstructScores, InstructScoring, MetricPoint, MyMessage, RunReport, RunSettings } from './protocol.ts';
import type { Sampler } from './sampler.ts';
import { checkScoring } from './settings.ts';
import type { BuiltinSets } from './taskdata.ts';

/** A classifier's scores as the page's ClassReport. */
export function toClassReport(e: ClassEval, split: ClassReport['split'], params: { trainable: number | null; total: number }, seconds: number): ClassReport {
  return {
    split, classes: [...LABELS], n: e.examples, accuracy: e.accuracy, confusion: e.confusion, perClass: precisionRecall(e.confusion),
    trainableParams: params.trainable, totalParams: params.total, seconds,
  };
}

/** What a finished run's report is made from (run.ts Run). */
interface FinishedRun {
  settings: RunSettings;
  parent?: string;
  step: number;
  seconds: number;
  params?: { trainable: number; total: number };
  metrics: MetricPoint[];
  evals: EvalPoint[];
}

/**
 * A finished run's report: a classifier's test report and its everyday report (when `everyday`
 * can); an instruction or preference run's scores and its start model's (when the task asks for
 * scoring and `score` can); pretraining's last losses.
 */
export async function runReport(
  run: FinishedRun,
  trainer: { test?(): Promise<ClassEval> },
  score?: (s: InstructScoring) => Promise<{ scores: InstructScores; baseScores: InstructScores | null }>,
  everyday?: (mine: readonly MyMessage[]) => Promise<ClassReport>,
): Promise<RunReport> {
  const common = { settings: run.settings, parent: run.parent, step: run.step, seconds: Math.round(run.seconds), params: run.params };
  const task = run.settings.task;
  if (task?.kind === 'classify') {
    const test = toClassReport(await trainer.test!(), 'test', run.params ?? { trainable: null, total: 0 }, Math.round(run.seconds));
    return { ...common, kind: 'classify', test, everyday: everyday ? await everyday(task.mine ?? []) : null };
  }
  if (task?.kind === 'instruct' || task?.kind === 'prefer') {
    const scored = task.score && score ? await score(task.score) : { scores: null, baseScores: null };
    return { ...common, kind: task.kind, ...scored };
  }
  return { ...common, kind: 'pretrain', loss: run.metrics.at(-1)?.loss ?? null, valLoss: run.evals.at(-1)?.valLoss ?? null };
}

/** Format adherence and per-family scores of a language model on `s.limit` held-out test instructions. */
export async function scoreModel(
  sets: BuiltinSets,
  sampler: Sampler,
  model: GPUModel,
  tok: Tokenizer,
  s: InstructScoring,
  onProgress?: (done: number, total: number) => void,
): Promise<InstructScores> {
  if (model.opts.nClasses) throw new Error('this model is a classifier: it cannot answer instructions');
  checkScoring(s);
  const set = await sets.get('instruct');
  if (set.kind !== 'instruct') throw new Error('the instruction set did not load');
  const records = heldOutRecords(pairedApart(ofFamilies(set.records, s.families), s.pairedPeople), 'test', s.limit);
  return sampler.withDecoder(model, (dec) => scoreInstructions(dec, tok, records, { maxTokens: s.maxTokens, seed: s.seed, onProgress }));
}
