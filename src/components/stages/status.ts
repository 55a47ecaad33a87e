/**
 * The learner's status in each stage, for the overview: trained or not, and the facts the lab
 * keeps about it (the current run's last loss, saved checkpoints, lesson 2's test accuracy,
 * lesson 3's scores). Pure: takes the store's values and returns lines of text.
 */
import type { LearnerRuns } from '../../store/runsSlice.ts';
import type { EvalPoint, MetricPoint, RunState, SlotInfo } from '../../store/trainingSlice.ts';
import type { StageStatus } from './StageColumn.tsx';

export type StageKind = 'pretrain' | 'classify' | 'instruct' | 'prefer';

export interface StatusInput {
  run: RunState;
  lastMetric: MetricPoint | null;
  evals: readonly EvalPoint[];
  runs: LearnerRuns;
  slots: readonly SlotInfo[];
}

const pct = (x: number) => `${(100 * x).toFixed(0)}%`;

/** Status of one stage. A stage counts as trained when the learner has a run, a summary or a saved checkpoint of it. */
export function stageStatus(kind: StageKind, s: StatusInput): StageStatus {
  const facts: string[] = [];
  const runKind = s.run.settings?.task?.kind ?? (s.run.settings ? 'pretrain' : null);
  const current = runKind === kind && s.run.status !== 'idle' && s.run.step > 0;
  if (current && s.lastMetric) facts.push(`current run: step ${s.run.step} of ${s.run.settings?.steps ?? '?'}, last training loss ${s.lastMetric.loss.toFixed(3)} nats (${s.run.status})`);
  const lastEval = s.evals.at(-1);
  if (current && lastEval) facts.push(`last validation loss ${lastEval.valLoss.toFixed(3)} nats${lastEval.valAccuracy !== undefined ? `, validation accuracy ${pct(lastEval.valAccuracy)}` : ''}`);
  const own = s.slots.filter((x) => !x.shipped && (x.stage ?? 'pretrain') === kind);
  if (own.length > 0) facts.push(`${own.length} saved checkpoint${own.length === 1 ? '' : 's'}, latest at step ${own.reduce((a, b) => (b.savedAt > a.savedAt ? b : a)).step}`);
  let summaries = 0;
  if (kind === 'classify') {
    const r = s.runs.classifier.at(-1);
    summaries = s.runs.classifier.length;
    if (r) facts.push(`last finished run (${r.choice}): test accuracy ${pct(r.testAccuracy)}`);
  }
  if (kind === 'instruct') {
    const r = s.runs.instruct.at(-1);
    summaries = s.runs.instruct.length;
    if (r) {
      const fam = (r.families ?? []).map((f) => `${f.family} ${f.correct}/${f.total}`).join(', ');
      facts.push(`last finished run (${r.steps} steps, prompt ${r.masked ? 'masked' : 'counted'}${r.lora ? ', LoRA' : ''}): format adherence ${pct(r.formatAdherence)}${r.baseFormatAdherence !== undefined ? ` (base ${pct(r.baseFormatAdherence)})` : ''}`);
      if (fam) facts.push(`answers accepted: ${fam}`);
    }
  }
  return { trained: current || own.length > 0 || summaries > 0, facts };
}
