/**
 * Lesson 4's run in the page's engine: the DPO loop (src/train/dpo.ts) behind the Stepper
 * interface, with the frozen reference model it needs (the run's start model, built beside the
 * policy with the same batch and lengths). The pairs are the shipped world's or the learner's
 * upload, plus the pairs the learner made by hand. Reports each read-back as a MetricPoint with
 * the DPO figures, and an "evaluation" as the loss on one fixed batch of pairs. No UI.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import type { GPUModel, GPUModelOptions } from '../model/gpt.ts';
import type { Checkpoint } from '../train/checkpoint.ts';
import { DpoTrainer, pretrainingReplay } from '../train/dpo.ts';
import { modelFromCheckpoint } from '../train/model-io.ts';
import { formatPairs } from '../train/prefs.ts';
import { toStepInput, type TrainSettings } from '../train/trainer.ts';
import type { Tokenizer } from '../train/tokenizer.ts';
import type { EvalPoint, TaskSettings } from './protocol.ts';
import type { Stepper, StepperHooks } from './steppers.ts';
import type { TaskSet } from './taskdata.ts';

type PreferTask = Extract<TaskSettings, { kind: 'prefer' }>;

/** The model options a preference run adds: its DPO settings, 2 rows (chosen, rejected) per pair and its replay rows. */
export const preferShape = (t: PreferTask, pairs: number): Pick<GPUModelOptions, 'dpo' | 'batchSize'> => {
  const textRows = t.replay ?? 0;
  return { dpo: { beta: t.beta, nll: t.nll, textRows, lm: t.replayWeight ?? 1 }, batchSize: 2 * pairs + textRows };
};

/** The frozen reference: the start checkpoint without moments, built like the policy but never trained. */
export function buildReference(device: GPUDevice, cache: PipelineCache, ref: Checkpoint, policy: GPUModel): Promise<GPUModel> {
  const { batchSize, seqLen, seqLens, dpo, kernels } = policy.opts;
  return modelFromCheckpoint(device, cache, { ...ref, optimizer: undefined }, { batchSize, seqLen, seqLens, dpo, kernels, lora: undefined });
}

export class PreferStepper implements Stepper {
  readonly trainer: DpoTrainer;
  readonly dataNote: string;
  readonly pairedPeople: readonly string[];

  constructor(policy: GPUModel, private readonly reference: GPUModel, tok: Tokenizer, data: Extract<TaskSet, { kind: 'prefer' }>, task: PreferTask, ts: TrainSettings, step: number) {
    const f = formatPairs(tok, [...data.pairs, ...(task.extra ?? [])], policy.T);
    if (f.pairs.length === 0) throw new Error(`${data.name}: no pair's answers fit a ${policy.T}-token context`);
    const { steps, schedule, beta1, beta2, eps, weightDecay, logEvery, seed } = ts;
    const rows = task.replay ?? 0;
    if (rows > 0 && !data.replay) throw new Error('pretraining replay needs the pretraining text, which did not load');
    const replay = rows > 0 && data.replay ? pretrainingReplay(data.replay.brown, data.replay.bios, rows) : undefined;
    this.trainer = new DpoTrainer(policy, reference, f.pairs, { steps, pairs: (policy.B - rows) / 2, schedule, beta1, beta2, eps, weightDecay, logEvery, seed }, tok.padId, policy.lengths.slice(1), replay);
    this.trainer.step = step;
    const extra = task.extra?.length ? ` and ${task.extra.length} made by hand` : '';
    this.pairedPeople = [...new Set(data.pairs.filter((p) => p.kind === 'known' && p.name).map((p) => p.name!))];
    const replayNote = replay ? `; ${rows} rows of pretraining text replayed a step` : '';
    this.dataNote = `${data.pairs.length.toLocaleString('en-US')} pairs from ${data.name}${extra} (${f.dropped} dropped: an answer does not fit ${policy.T} tokens)${replayNote}`;
  }

  get step() { return this.trainer.step; }
  get tokens() { return this.trainer.step * this.trainer.policy.B * this.trainer.policy.T; }

  async run(h: StepperHooks): Promise<void> {
    const rows = this.trainer.policy.B * this.trainer.policy.T;
    await this.trainer.run({
      onMetric: (m) => h.onMetric({
        step: m.step, tokens: m.step * rows, loss: m.loss, lr: m.lr, tokensPerSec: (rows * 1000) / m.msPerStep, msPerStep: m.msPerStep,
        dpo: { margin: m.margin, chosen: m.chosen, rejected: m.rejected, dpoLoss: m.dpoLoss, nll: m.nll, accuracy: m.accuracy, ...(this.trainer.replay ? { replay: m.lm } : {}) },
      }),
      shouldStop: () => h.shouldStop(),
    });
  }

  /** The loss on one fixed batch of pairs (drawn with step -1's seed), without training. */
  async evaluate(): Promise<EvalPoint> {
    const input = toStepInput(this.trainer.batchFor(-1));
    const refLogps = await this.trainer.referenceLogps(input);
    this.trainer.policy.evalStep({ ...input, refLogps });
    return { step: this.step, tokens: this.tokens, valLoss: (await this.trainer.policy.readDpo()).loss };
  }

  dispose(): void {
    this.reference.destroy();
  }
}
