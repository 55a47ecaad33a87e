/**
 * Glue between checkpoints and the GPU model, shared by the worker and the command-line trainer:
 * build a model from a checkpoint (weights, and AdamW moments when resuming), turn a model back
 * into a checkpoint, and generate text token by token.
 *
 * Finetuned checkpoints (the choice documented here): they stay plain lab checkpoints whose
 * `config` is the unchanged GPTConfig, so every tool that reads a base model reads them too.
 * - A classifier carries `cls.weight` (NC, C) and `cls.bias` (NC) as extra weights; NC is read off
 *   their shape.
 * - LoRA carries `h.{i}.{target}.lora_A` (r, C_in) and `.lora_B` (C_out, r) as extra weights; the
 *   targets and the rank r are read off the names and shapes. The one thing the tensors cannot tell,
 *   alpha, is in `info.finetune.lora.alpha` (FinetuneInfo); a LoRA checkpoint without it is refused.
 * - `info.finetune` also records the task, the class names, the freezing choice and where the class
 *   is read, for display and for `lab eval`.
 * finetuneOptions(ck) turns that back into the model options, so loading rebuilds the same model;
 * mergeLoraCheckpoint folds LoRA into the weights for export.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import type { GPTConfig } from '../model/config.ts';
import { flatten, unflatten } from '../model/flat.ts';
import { GPUModel, type ClassStepInput, type GPUModelOptions } from '../model/gpt.ts';
import { initParams } from '../model/flat.ts';
import { LORA_TARGETS, mergeLora, type LoraOptions, type LoraTarget } from '../model/lora.ts';
import { gptParamSpecs, type ParamOptions } from '../model/params.ts';
import { layoutArena } from '../gpu/arena.ts';
import { mulberry32 } from '../util/random.ts';
import type { ClassBatch } from './batches.ts';
import type { Checkpoint, Weight } from './checkpoint.ts';
import { sampleLogits, type SampleOptions, type SampleResult } from './sampling.ts';
import { learningRate } from './schedule.ts';
import type { ClassSource } from './sources.ts';
import { DivergedError, type TrainSettings } from './trainer.ts';
import type { Tokenizer } from './tokenizer.ts';

/** What a finetuning run records in a checkpoint's info, under `finetune`. */
export interface FinetuneInfo {
  task: 'classify' | 'instruct';
  /** class names in label order (classifiers) */
  classes?: string[];
  /** what was trained: head, last-block, all or lora */
  choice?: string;
  /** where the class is read: the last real token, or the first token (the lesson's experiment) */
  readAt?: 'last' | 'first';
  /** LoRA settings; alpha is required to rebuild a LoRA model */
  lora?: LoraOptions;
  /** instruction tuning: whether prompt tokens were left out of the loss */
  maskPrompt?: boolean;
}

/** The checkpoint's `info.finetune`, if any. */
export function finetuneInfo(ck: Checkpoint): FinetuneInfo | undefined {
  const f = ck.info?.finetune;
  return f && typeof f === 'object' ? (f as FinetuneInfo) : undefined;
}

/**
 * The head and LoRA settings the checkpoint's weights need (see the module header): nClasses from
 * cls.weight, LoRA targets and rank from the lora_* names and shapes, alpha from info. Throws when
 * LoRA weights are present but alpha is not.
 */
export function finetuneOptions(ck: Checkpoint): Pick<ParamOptions, 'nClasses' | 'lora'> {
  const out: Pick<ParamOptions, 'nClasses' | 'lora'> = {};
  const cls = ck.weights.get('cls.weight');
  if (cls) out.nClasses = cls.shape[0];
  const targets = LORA_TARGETS.filter((t) => ck.weights.has(`h.0.${t}.lora_A`));
  if (targets.length > 0) {
    const alpha = finetuneInfo(ck)?.lora?.alpha;
    if (!(typeof alpha === 'number' && alpha > 0)) throw new Error('checkpoint has LoRA weights but no info.finetune.lora.alpha, so the update cannot be scaled');
    out.lora = { rank: ck.weights.get(`h.0.${targets[0]}.lora_A`)!.shape[0], alpha, targets: targets as LoraTarget[] };
  }
  return out;
}

/**
 * The checkpoint with every tensor the finetuned model's table has but the checkpoint lacks (a new
 * head, fresh LoRA A and B) added from the table's init, seeded. Existing weights are kept as they are.
 */
export function withNewTensors(ck: Checkpoint, opts: ParamOptions, seed: number): Checkpoint {
  const layout = layoutArena('new', gptParamSpecs(ck.config, opts), 4);
  const fresh = initParams(layout, seed);
  const weights = new Map(ck.weights);
  for (const t of layout.tensors) {
    if (!weights.has(t.name)) weights.set(t.name, { shape: [...t.shape], data: fresh.slice(t.offset, t.offset + t.numel) });
  }
  return { ...ck, weights };
}

/** A plain checkpoint: LoRA merged into its weights (W + alpha/r · B·A), no lora_* tensors, no optimizer state. */
export function mergeLoraCheckpoint(ck: Checkpoint): Checkpoint {
  const { lora } = finetuneOptions(ck);
  if (!lora) return { ...ck, optimizer: undefined };
  const weights = mergeLora(ck.config, ck.weights, lora, (shape, data) => ({ shape, data }));
  const f = finetuneInfo(ck);
  const info = { ...ck.info, finetune: { ...f, lora: undefined, mergedLora: lora } };
  return { config: ck.config, tokenizer: ck.tokenizer, weights, info };
}

/**
 * Builds a GPU model holding the checkpoint's weights (and its AdamW moments when present). LoRA
 * settings default to the checkpoint's (ignoring its adapters would silently change the model);
 * the classification head is used only when opts.nClasses asks for it.
 */
export async function modelFromCheckpoint(device: GPUDevice, cache: PipelineCache, ck: Checkpoint, opts: GPUModelOptions): Promise<GPUModel> {
  if (opts.lora === undefined) {
    const { lora } = finetuneOptions(ck);
    if (lora) opts = { ...opts, lora };
  }
  const model = await GPUModel.create(device, cache, ck.config, opts);
  const data = (m: Map<string, Weight>) => Object.fromEntries([...m].map(([k, w]) => [k, w.data]));
  const weights = data(ck.weights);
  for (const t of model.layout.tensors) {
    if (!weights[t.name]) {
      // A tensor the checkpoint lacks (e.g. a new classification head) starts from the table's init.
      throw new Error(`checkpoint has no tensor "${t.name}"; add new tensors with withNewTensors before building the model`);
    }
  }
  model.setParams(flatten(model.layout, weights, (n) => new Float32Array(n)));
  if (ck.optimizer) {
    const zeros = (src: Map<string, Weight>) => {
      const out: Record<string, Float32Array> = {};
      for (const t of model.layout.tensors) out[t.name] = src.get(t.name)?.data ?? new Float32Array(t.numel);
      return flatten(model.layout, out, (n) => new Float32Array(n));
    };
    model.setMoments(zeros(ck.optimizer.m), zeros(ck.optimizer.v));
  }
  return model;
}

/** Reads the model's weights (and, with `step`, its AdamW moments) into a checkpoint. */
export async function checkpointFromModel(
  model: GPUModel,
  tokenizer: Tokenizer,
  info: Record<string, unknown>,
  optimizerStep?: number,
): Promise<Checkpoint> {
  const toMap = (flat: Float32Array) => {
    const views = unflatten(model.layout, flat);
    return new Map(model.layout.tensors.map((t) => [t.name, { shape: [...t.shape], data: views[t.name].slice() }]));
  };
  const ck: Checkpoint = { config: model.config, tokenizer, weights: toMap(await model.read('params')), info };
  if (optimizerStep !== undefined) {
    const trainable = (m: Map<string, Weight>) => new Map([...m].filter(([name]) => !model.layout.tensors.find((t) => t.name === name)?.frozen));
    ck.optimizer = { step: optimizerStep, m: trainable(toMap(await model.read('m'))), v: trainable(toMap(await model.read('v'))) };
  }
  return ck;
}

/** A classification batch as the model's step input. */
export const toClassStepInput = (b: ClassBatch): ClassStepInput => ({ tokens: b.inputs, lastIndex: b.lastIndex, labels: b.labels, rowMask: b.rowMask });

/** Classification results over a set: mean loss, accuracy and confusion[true][predicted] counts. */
export interface ClassEval {
  loss: number;
  accuracy: number;
  /** (NC, NC): confusion[t][p] = examples of class t predicted as p */
  confusion: number[][];
  examples: number;
}

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
      let best = 0;
      for (let k = 1; k < NC; k++) if (logits[r * NC + k] > logits[r * NC + best]) best = k;
      confusion[b.labels[r]][best]++;
      rows++;
    }
    lossSum += loss * rows;
  }
  return classEvalOf(confusion, lossSum);
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

/** Right answers among the real rows of a batch, from its class logits (B, NC). */
export function batchCorrect(logits: Float32Array, b: ClassBatch, NC: number): { right: number; rows: number } {
  let right = 0;
  let rows = 0;
  for (let r = 0; r < b.B; r++) {
    if (!b.rowMask[r]) continue;
    let best = 0;
    for (let k = 1; k < NC; k++) if (logits[r * NC + k] > logits[r * NC + best]) best = k;
    if (best === b.labels[r]) right++;
    rows++;
  }
  return { right, rows };
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

export interface GenerateOptions extends SampleOptions {
  maxTokens: number;
  seed: number;
  /** stop at end-of-text (default true) */
  stopAtEnd?: boolean;
}

export interface GeneratedToken extends SampleResult {
  text: string;
}

/**
 * Generates up to maxTokens after `prompt` with a (B=1, T=blockSize) model, calling onToken as
 * each token is chosen. When the text outgrows the context, the oldest tokens slide out.
 */
export async function generate(
  model: GPUModel,
  tokenizer: Tokenizer,
  promptIds: number[],
  opts: GenerateOptions,
  onToken?: (t: GeneratedToken) => void,
): Promise<GeneratedToken[]> {
  const { blockSize: T, vocabSize: V }: GPTConfig = model.config;
  if (model.B !== 1 || model.T !== T) throw new Error('generate needs a model built with batchSize 1 and seqLen = blockSize');
  const rand = mulberry32(opts.seed);
  const ids = promptIds.length ? [...promptIds] : [tokenizer.endOfTextId];
  const out: GeneratedToken[] = [];
  const input = new Int32Array(T);
  for (let n = 0; n < opts.maxTokens; n++) {
    const ctx = ids.slice(-T);
    input.fill(tokenizer.padId);
    input.set(ctx);
    model.evalStep({ tokens: input, targets: input });
    const logits = await model.read({ act: 'logits' });
    const row = logits.subarray((ctx.length - 1) * V, ctx.length * V);
    const tok = chooseToken(row, rand, tokenizer, opts);
    out.push(tok);
    onToken?.(tok);
    if (isStop(tok, tokenizer, opts)) break;
    ids.push(tok.token);
  }
  return out;
}

/** Picks the next token from one logits row (V) the same way for every generator: <|pad|> is never chosen. */
export function chooseToken(row: ArrayLike<number>, rand: () => number, tokenizer: Tokenizer, opts: GenerateOptions): GeneratedToken {
  const r = sampleLogits(row, rand, { ...opts, exclude: [tokenizer.padId, ...(opts.exclude ?? [])] });
  return { ...r, text: tokenizer.decode([r.token]) };
}

/** True when generation ends at this token (end-of-text, unless the caller asked to go on). */
export function isStop(tok: GeneratedToken, tokenizer: Tokenizer, opts: GenerateOptions): boolean {
  return tok.token === tokenizer.endOfTextId && opts.stopAtEnd !== false;
}
