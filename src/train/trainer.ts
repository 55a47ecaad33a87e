/**
 * The training loop shared by the page's worker and the command-line trainer: batches from a
 * source, AdamW with warm-up + cosine learning rate and gradient clipping, the loss read back
 * every `logEvery` steps (never every step), validation every `evalEvery` steps, and a stop with
 * a clear error on a NaN or infinite loss. Seeded: step s always trains on the same batch.
 * Emits plain metric objects; knows nothing of the UI or of how checkpoints are stored.
 */
import type { GPUModel, StepInput } from '../model/gpt.ts';
import { mulberry32 } from '../util/random.ts';
import type { LMBatch } from './batches.ts';
import { learningRate, validateSchedule, type LRSchedule } from './schedule.ts';

export interface TrainSettings {
  /** optimizer steps of the run (the schedule decays to its floor here) */
  steps: number;
  schedule: LRSchedule;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** clip the global gradient norm to this (0 = no clipping); fixed when the model is built */
  gradClip: number;
  /** read the loss back every N steps */
  logEvery: number;
  /** evaluate on the validation split every N steps (0 = only when asked) */
  evalEvery: number;
  /** at most this many validation batches per evaluation */
  evalBatches: number;
  seed: number;
}

export const DEFAULT_TRAIN: TrainSettings = {
  steps: 1000,
  schedule: { maxLr: 3e-3, minLr: 3e-4, warmupSteps: 50, totalSteps: 1000 },
  beta1: 0.9,
  beta2: 0.95,
  eps: 1e-8,
  weightDecay: 0.1,
  gradClip: 1,
  logEvery: 10,
  evalEvery: 100,
  evalBatches: 8,
  seed: 1337,
};

/** Where batches come from: `train(rand)` draws one, `validation()` yields the held-out ones in order. */
export interface BatchSource {
  train(rand: () => number): LMBatch;
  validation(): Iterable<LMBatch>;
}

export interface Metric {
  step: number;
  tokens: number;
  trainLoss: number;
  lr: number;
  gradNorm: number;
  tokensPerSec: number;
  msPerStep: number;
}

export interface TrainHooks {
  onMetric?: (m: Metric) => void;
  onEval?: (step: number, valLoss: number, tokens: number) => void;
  /** checked between steps; return true to stop (pause) after the current step */
  shouldStop?: () => boolean;
}

/** Thrown when the loss is NaN or infinite: the weights after `step` are not usable. */
export class DivergedError extends Error {
  constructor(
    readonly step: number,
    readonly loss: number,
  ) {
    super(
      `Training diverged: the loss became ${loss} by step ${step}. The weights since the last checkpoint are not usable. ` +
        'Try a lower learning rate, a longer warm-up or gradient clipping.',
    );
    this.name = 'DivergedError';
  }
}

export const toStepInput = (b: LMBatch): StepInput => ({ tokens: b.inputs, targets: b.targets, weights: b.mask });

export class Trainer {
  /** optimizer steps done so far (AdamW's step count) */
  step = 0;
  /** tokens trained on so far */
  tokens = 0;

  constructor(
    readonly model: GPUModel,
    readonly source: BatchSource,
    readonly settings: TrainSettings,
  ) {
    validateSchedule(settings.schedule);
  }

  /** The batch of step s depends only on the seed and s, so a resumed run sees the same data. */
  private batchFor(step: number): LMBatch {
    return this.source.train(mulberry32((this.settings.seed * 1_000_003 + step) >>> 0));
  }

  /** Trains until `settings.steps` (or `untilStep`) or until shouldStop(); resolves with the steps done. */
  async run(hooks: TrainHooks = {}, untilStep = this.settings.steps): Promise<number> {
    const s = this.settings;
    let t0 = performance.now();
    let stepsSinceLog = 0;
    let tokensSinceLog = 0;
    while (this.step < untilStep) {
      const lr = learningRate(this.step, s.schedule);
      const batch = this.batchFor(this.step);
      this.model.trainStep(toStepInput(batch), {
        lr, beta1: s.beta1, beta2: s.beta2, eps: s.eps, weightDecay: s.weightDecay, step: this.step + 1,
      });
      // Positions the model ran: B x T, or fewer columns when a batch of short examples was cut.
      const n = batch.B * batch.T;
      this.step++;
      this.tokens += n;
      stepsSinceLog++;
      tokensSinceLog += n;
      const last = this.step === untilStep;
      if (this.step % s.logEvery === 0 || last) {
        const { loss, gradNorm } = await this.model.readLoss(); // waits for the GPU: the only sync point
        if (!Number.isFinite(loss)) throw new DivergedError(this.step, loss);
        const ms = performance.now() - t0;
        hooks.onMetric?.({ step: this.step, tokens: this.tokens, trainLoss: loss, lr, gradNorm, tokensPerSec: (tokensSinceLog * 1000) / ms, msPerStep: ms / stepsSinceLog });
        t0 = performance.now();
        stepsSinceLog = 0;
        tokensSinceLog = 0;
      }
      // Validation on its own schedule and after the run's last step, not where a slice (--until,
      // --save-every) happens to end, so a run saved and resumed logs what one straight through does.
      if (s.evalEvery > 0 && (this.step % s.evalEvery === 0 || this.step === s.steps)) {
        const val = await this.evaluate();
        hooks.onEval?.(this.step, val, this.tokens);
        t0 = performance.now(); // evaluation time does not count against tokens/s
      }
      if (hooks.shouldStop?.()) break;
    }
    return this.step;
  }

  /** Mean loss over (up to evalBatches of) the validation batches, weighted by counted positions. */
  async evaluate(): Promise<number> {
    let sum = 0;
    let count = 0;
    let n = 0;
    for (const b of this.source.validation()) {
      if (n++ >= this.settings.evalBatches) break;
      this.model.evalStep(toStepInput(b));
      const { loss } = await this.model.readLoss();
      let w = 0;
      for (let i = 0; i < b.mask.length; i++) w += b.mask[i];
      sum += loss * w;
      count += w;
    }
    const val = count > 0 ? sum / count : NaN;
    if (!Number.isFinite(val)) throw new DivergedError(this.step, val);
    return val;
  }
}
