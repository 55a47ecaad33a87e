/**
 * Classification finetuning on the GPU model, shared by the worker and the command line: the
 * training loop (trainClassifier) and the evaluation over a set (evaluateClassifier). The counting
 * is classmetrics.ts's. Must not: build models or read checkpoints (model-io.ts does).
 */
import type { ClassStepInput, GPUModel } from '../model/gpt.ts';
import type { ClassBatch } from './batches.ts';
import { argmaxRow, batchCorrect, classEvalOf, type ClassEval } from './classmetrics.ts';
import { learningRate } from './schedule.ts';
import type { ClassSource } from './sources.ts';
import { DivergedError, type TrainSettings } from './trainer.ts';

/** A classification batch as the model's step input. */
export const toClassStepInput = (b: ClassBatch): ClassStepInput => ({ tokens: b.inputs, lastIndex: b.lastIndex, labels: b.labels, rowMask: b.rowMask });

/**
 * Runs a classifier over batches (forward and loss only) and counts its predictions (the arg-max
 * of the class logits read back per batch); filler rows (rowMask 0) are not counted. `limit` caps the batches.
 */
export async function evaluateClassifier(model: GPUModel, batches: Iterable<ClassBatch>, limit = Infinity): Promise<ClassEval> {
  const NC = model.opts.nClasses;
  if (!NC) throw new Error('evaluateClassifier: the model has no classification head');
  const confusion = Array.from({ length: NC }, () => new Array<number>(NC).fill(0));
  let lossSum = 0;
  let seen = 0;
  for (const b of batches) {
    if (seen++ >= limit) break;
    model.evalStep(toClassStepInput(b));
    const logits = await model.readClassLogits();
    const { loss } = await model.readLoss();
    let rows = 0;
    for (let r = 0; r < b.B; r++) {
      if (!b.rowMask[r]) continue;
      confusion[b.labels[r]][argmaxRow(logits, r, NC)]++;
      rows++;
    }
    lossSum += loss * rows;
  }
  return classEvalOf(confusion, lossSum);
}

/** Settings of a classification finetuning run (AdamW hyper-parameters as in TrainSettings). */
export interface ClassTrainSettings extends Pick<TrainSettings, 'steps' | 'schedule' | 'beta1' | 'beta2' | 'eps' | 'weightDecay' | 'logEvery'> {
  /** validation every N steps; 0 = at the end of each epoch */
  evalEvery: number;
  /** at most this many validation batches per evaluation */
  evalBatches: number;
  /**
   * steps already done (a paused or reloaded run): training goes on with that step's batch of its
   * epoch, so a run cut into slices sees the same batches as one straight through (default 0)
   */
  from?: number;
}

/** One loss read-back of trainClassifier; `right`/`rows` count the logged batch's correct answers (training accuracy). */
export interface ClassMetric {
  step: number;
  epoch: number;
  loss: number;
  gradNorm: number;
  lr: number;
  msPerStep: number;
  right: number;
  rows: number;
}

/**
 * The classification loop shared by the worker and the command line: shuffled epochs from the
 * source until `steps`, the warm-up + cosine schedule, the loss read back every logEvery steps (a
 * DivergedError on NaN) with the logged batch's accuracy, validation accuracy every evalEvery steps
 * or each epoch's end, and always after the last step. Starts at `s.from` (default 0) and stops
 * early after any step where shouldStop(step) is true. Resolves with the steps done and the last
 * validation.
 */
export async function trainClassifier(
  model: GPUModel,
  src: ClassSource,
  s: ClassTrainSettings,
  hooks: { onMetric?: (m: ClassMetric) => void; onEval?: (step: number, e: ClassEval) => void; shouldStop?: (step: number) => boolean } = {},
): Promise<{ steps: number; val?: ClassEval }> {
  const NC = model.opts.nClasses ?? 0;
  const from = s.from ?? 0;
  let step = from;
  let val: ClassEval | undefined;
  let evaluatedAt = -1;
  const validate = async () => {
    val = await evaluateClassifier(model, src.validation(), s.evalBatches);
    evaluatedAt = step;
    hooks.onEval?.(step, val);
  };
  const t0 = performance.now();
  const firstEpoch = Math.floor(from / src.batchesPerEpoch);
  let skip = from - firstEpoch * src.batchesPerEpoch;
  for (let epoch = firstEpoch; step < s.steps; epoch++) {
    for (const b of src.epoch(epoch)) {
      if (skip > 0) {
        skip--; // a resumed run: this batch was trained before the pause
        continue;
      }
      const lr = learningRate(step, s.schedule);
      model.trainStep(toClassStepInput(b), { lr, beta1: s.beta1, beta2: s.beta2, eps: s.eps, weightDecay: s.weightDecay, step: step + 1 });
      step++;
      if (step % s.logEvery === 0 || step === s.steps) {
        const { loss, gradNorm } = await model.readLoss();
        if (!Number.isFinite(loss)) throw new DivergedError(step, loss);
        const { right, rows } = batchCorrect(await model.readClassLogits(), b, NC);
        hooks.onMetric?.({ step, epoch: epoch + 1, loss, gradNorm, lr, msPerStep: (performance.now() - t0) / (step - from), right, rows });
      }
      if (s.evalEvery > 0 && step % s.evalEvery === 0) await validate();
      if (step === s.steps || hooks.shouldStop?.(step)) break;
    }
    // The end of an epoch or of the run, not a stop part-way through one (that would add a validation pass to every pause).
    const epochDone = step % src.batchesPerEpoch === 0;
    if (((s.evalEvery === 0 && epochDone) || step === s.steps) && evaluatedAt !== step) await validate();
    if (hooks.shouldStop?.(step)) break;
  }
  return { steps: step, val };
}
