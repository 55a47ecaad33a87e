/**
 * Classification metrics from counts: mean loss, accuracy, confusion and per-class precision and
 * recall, and the right answers of one batch from its class logits. Pure CPU arithmetic shared by
 * the GPU classifier (classtrain.ts), the bag-of-words baseline (bow.ts) and the prompted baseline
 * (score.ts), so their reports cannot drift apart. Must not import the GPU model.
 */
import type { ClassBatch } from './batches.ts';

/** Classification results over a set: mean loss, accuracy and confusion[true][predicted] counts. */
export interface ClassEval {
  loss: number;
  accuracy: number;
  /** (NC, NC): confusion[t][p] = examples of class t predicted as p */
  confusion: number[][];
  examples: number;
}

/** The predicted class of row r of class logits (B, NC): the arg-max (the first on a tie). */
export function argmaxRow(logits: ArrayLike<number>, r: number, NC: number): number {
  let best = 0;
  for (let k = 1; k < NC; k++) if (logits[r * NC + k] > logits[r * NC + best]) best = k;
  return best;
}

/** The ClassEval of confusion[true][predicted] counts and the loss summed over the examples counted. */
export function classEvalOf(confusion: number[][], lossSum: number): ClassEval {
  const n = confusion.reduce((s, row) => s + row.reduce((a, b) => a + b, 0), 0);
  const right = confusion.reduce((s, row, k) => s + row[k], 0);
  return { loss: n ? lossSum / n : NaN, accuracy: n ? right / n : NaN, confusion, examples: n };
}

/** Precision and recall of each class from a confusion matrix (NaN where undefined: nothing predicted, or no examples). */
export function precisionRecall(confusion: number[][]): { precision: number; recall: number }[] {
  return confusion.map((row, k) => {
    const predicted = confusion.reduce((s, r) => s + r[k], 0);
    const actual = row.reduce((s, x) => s + x, 0);
    return { precision: predicted ? row[k] / predicted : NaN, recall: actual ? row[k] / actual : NaN };
  });
}

/** Right answers among the real rows of a batch, from its class logits (B, NC). */
export function batchCorrect(logits: Float32Array, b: ClassBatch, NC: number): { right: number; rows: number } {
  let right = 0;
  let rows = 0;
  for (let r = 0; r < b.B; r++) {
    if (!b.rowMask[r]) continue;
    if (argmaxRow(logits, r, NC) === b.labels[r]) right++;
    rows++;
  }
  return { right, rows };
}
