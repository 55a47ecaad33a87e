/**
 * Lesson 2's labels and number formats, shared by its panels: what each choice is called, how a
 * fraction is shown as a percent, and the comparison-table rows built from the saved run summaries.
 * Pure: no store, no React.
 */
import type { FreezeChoice, ClassifierRunSummary, ReadAt } from '../../store/runsSlice.ts';
import { readAtOf } from '../../store/runsSlice.ts';

export const CHOICE_LABEL: Record<FreezeChoice, string> = {
  head: 'Head only',
  'last-block': 'Last block + final norm + head',
  all: 'All layers',
  lora: 'LoRA + head',
};

export const CHOICE_BLURB: Record<FreezeChoice, string> = {
  head: 'the pretrained network stays fixed; only the new 2-class head learns',
  'last-block': 'the top transformer block and the final LayerNorm adapt too',
  all: 'every weight may change (the default)',
  lora: 'the weights stay frozen; low-rank adapters on every attention and MLP matrix learn, with the head',
};

export const READ_AT_LABEL: Record<ReadAt, string> = { last: 'last token', first: 'first token' };

/** 0.8734 -> "87.3%"; "n/a" for NaN (precision of a class never predicted). */
export function pct(x: number, digits = 1): string {
  return Number.isFinite(x) ? `${(100 * x).toFixed(digits)}%` : 'n/a';
}

/** The choice as the table names it, with the LoRA rank. */
export function choiceName(choice: FreezeChoice, loraRank?: number): string {
  return choice === 'lora' && loraRank ? `LoRA r=${loraRank} + head` : CHOICE_LABEL[choice];
}

/** One row of the comparison table. */
export interface RunRow {
  n: number;
  choice: string;
  readAt: ReadAt;
  trainable: number;
  seconds: number;
  testAccuracy: number;
  /** on the everyday messages (absent: not measured for that run) */
  everydayAccuracy?: number;
  everydayN?: number;
  /** the best test accuracy of the table */
  best: boolean;
}

/** Rows in the order the runs were made, the best test accuracy marked (ties: all of them). */
export function runRows(runs: readonly ClassifierRunSummary[]): RunRow[] {
  const best = Math.max(...runs.map((r) => r.testAccuracy));
  return runs.map((r, i) => ({
    n: i + 1,
    choice: choiceName(r.choice, r.loraRank),
    readAt: readAtOf(r),
    trainable: r.trainableParams,
    seconds: r.seconds,
    testAccuracy: r.testAccuracy,
    everydayAccuracy: r.everydayAccuracy,
    everydayN: r.everydayN,
    best: r.testAccuracy === best,
  }));
}

/**
 * The domain-shift sentence of a run, in the learner's own numbers: accuracy on the corpus's test
 * split, on the everyday messages, and the gap in percentage points.
 */
export function domainShiftText(test: number, everyday: number): string {
  const gap = 100 * (test - everyday);
  const lead = `Your classifier: ${pct(test)} on the corpus's test messages, ${pct(everyday)} on everyday ones.`;
  if (gap >= 1) return `${lead} It loses ${gap.toFixed(1)} points on mail unlike its training data: that drop is domain shift.`;
  if (gap <= -1) return `${lead} It does ${(-gap).toFixed(1)} points better on the everyday messages than on the corpus's own test split.`;
  return `${lead} The two agree within a point: on these messages, this model shows little domain shift.`;
}
