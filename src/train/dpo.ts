/**
 * Preference tuning (DPO) on the GPU model, shared by the worker and the command line: each step
 * draws P pairs (seeded by the step, so a resumed run sees the same pairs), runs the frozen
 * reference forward on them for its summed log-probabilities, then one training step of the policy
 * (dpo.wgsl's loss, clipping, AdamW with warm-up + cosine). The figures (loss, reward margin,
 * chosen/rejected log-probabilities) are read back every `logEvery` steps. Must not: build models
 * or read checkpoints (model-io.ts does).
 */
import type { DpoStats } from '../model/dpo.ts';
import type { GPUModel, StepInput } from '../model/gpt.ts';
import { mulberry32 } from '../util/random.ts';
import { stackRows, type LMBatch } from './batches.ts';
import { DEFAULT_BIO_MIX, mixedWindows } from './mix.ts';
import { drawPairs, pairBatch, type FormattedPair } from './prefs.ts';
import { learningRate, validateSchedule, type LRSchedule } from './schedule.ts';
import { DivergedError, toStepInput } from './trainer.ts';

export interface DpoTrainSettings {
  /** optimizer steps of the run (the schedule decays to its floor here) */
  steps: number;
  /** pairs per step (the model's batch is twice this: chosen and rejected rows) */
  pairs: number;
  schedule: LRSchedule;
  beta1: number;
  beta2: number;
  eps: number;
  weightDecay: number;
  /** read the figures back every N steps (and at the last step) */
  logEvery: number;
  seed: number;
}

/**
 * Pretraining replay: `rows` rows of plain text added under each step's pairs, trained as language
 * modelling (the models' dpo.textRows and dpo.lm). `draw` gives them at the pair batch's length.
 */
export interface ReplayRows {
  rows: number;
  draw: (rows: number, T: number, rand: () => number) => LMBatch;
}

/** Replay rows from the pretraining streams, mixed as the shipped base was pretrained (without biographies: Brown alone). */
export function pretrainingReplay(brown: ArrayLike<number>, bios: ArrayLike<number> | undefined, rows: number): ReplayRows {
  return { rows, draw: (n, T, rand) => mixedWindows(brown, bios ?? [], n, T, bios ? DEFAULT_BIO_MIX : 0, rand) };
}

/** One read-back: the step's DPO figures (dpo.ts DpoStats), learning rate, gradient norm and speed. */
export interface DpoMetric extends DpoStats {
  step: number;
  lr: number;
  gradNorm: number;
  msPerStep: number;
}

export interface DpoHooks {
  onMetric?: (m: DpoMetric) => void;
  /** checked after each step; true stops the run there */
  shouldStop?: (step: number) => boolean;
}

export class DpoTrainer {
  /** optimizer steps done so far (AdamW's step count); set it to resume */
  step = 0;
  private readonly zeros: Float32Array;

  /**
   * `policy` and `reference` are DPO models (built with the `dpo` option) of batch 2 x pairs (+
   * replay rows) and the same lengths; `shorter` are the lengths below T a batch may run at (both
   * models have them).
   */
  constructor(
    readonly policy: GPUModel,
    readonly reference: GPUModel,
    readonly data: readonly FormattedPair[],
    readonly settings: DpoTrainSettings,
    readonly padId: number,
    readonly shorter: readonly number[] = [],
    readonly replay?: ReplayRows,
  ) {
    validateSchedule(settings.schedule);
    const B = 2 * settings.pairs + (replay?.rows ?? 0);
    if (policy.B !== B || reference.B !== B) throw new Error(`DpoTrainer: both models need batch 2 x ${settings.pairs} pairs + ${replay?.rows ?? 0} replay rows = ${B}, got ${policy.B} and ${reference.B}`);
    this.zeros = new Float32Array(policy.B);
  }

  /** The batch of step s depends only on the seed and s: the pairs, then any replay rows at their length. */
  batchFor(step: number): LMBatch {
    const rand = mulberry32((this.settings.seed * 1_000_003 + step) >>> 0);
    const pairs = pairBatch(this.data, drawPairs(this.data.length, this.settings.pairs, rand), this.policy.T, this.padId, this.shorter);
    return this.replay?.rows ? stackRows(pairs, this.replay.draw(this.replay.rows, pairs.T, rand)) : pairs;
  }

  /** The reference's summed log-probabilities of a batch's rows (a forward pass only). */
  async referenceLogps(input: StepInput): Promise<Float32Array> {
    this.reference.evalStep({ ...input, refLogps: this.zeros });
    return (await this.reference.read('dpo-seq')).slice(0, this.reference.B);
  }

  /** Trains until `settings.steps` (or `untilStep`) or until shouldStop; resolves with the steps done. */
  async run(hooks: DpoHooks = {}, untilStep = this.settings.steps): Promise<number> {
    const s = this.settings;
    let t0 = performance.now();
    let since = 0;
    while (this.step < untilStep) {
      const lr = learningRate(this.step, s.schedule);
      const input = toStepInput(this.batchFor(this.step));
      const refLogps = await this.referenceLogps(input);
      this.policy.trainStep({ ...input, refLogps }, { lr, beta1: s.beta1, beta2: s.beta2, eps: s.eps, weightDecay: s.weightDecay, step: this.step + 1 });
      this.step++;
      since++;
      if (this.step % s.logEvery === 0 || this.step === untilStep) {
        const { gradNorm } = await this.policy.readLoss();
        const stats = await this.policy.readDpo();
        if (!Number.isFinite(stats.loss)) throw new DivergedError(this.step, stats.loss);
        hooks.onMetric?.({ ...stats, step: this.step, lr, gradNorm, msPerStep: (performance.now() - t0) / since });
        t0 = performance.now();
        since = 0;
      }
      if (hooks.shouldStop?.(this.step)) break;
    }
    return this.step;
  }
}
