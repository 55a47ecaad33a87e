/**
 * Glue between checkpoints and the GPU model, shared by the worker and the command-line trainer:
 * build a model from a checkpoint (weights, and AdamW moments when resuming) and turn a model back
 * into a checkpoint. Must not: train, evaluate or generate (classtrain.ts, generate.ts do).
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
import { layoutArena } from '../gpu/arena.ts';
import type { PipelineCache } from '../gpu/pipelines.ts';
import type { GPTConfig } from '../model/config.ts';
import { flatten, initParams, unflatten } from '../model/flat.ts';
import { GPUModel, type GPUModelOptions } from '../model/gpt.ts';
import { LORA_TARGETS, mergeLora, type LoraOptions, type LoraTarget } from '../model/lora.ts';
import { gptParamSpecs, type ParamOptions } from '../model/params.ts';
import type { Checkpoint, Weight } from './checkpoint.ts';
import type { Tokenizer } from './tokenizer.ts';
import type { ReadAt } from './sources.ts';

/** What a finetuning run records in a checkpoint's info, under `finetune`. */
export interface FinetuneInfo {
  task: 'classify' | 'instruct' | 'prefer';
  /** class names in label order (classifiers) */
  classes?: string[];
  /** what was trained: head, last-block, all or lora */
  choice?: string;
  /** where the class is read: the last real token, or the first token (the lesson's experiment) */
  readAt?: ReadAt;
  /** LoRA settings; alpha is required to rebuild a LoRA model */
  lora?: LoraOptions;
  /** instruction tuning: whether prompt tokens were left out of the loss */
  maskPrompt?: boolean;
  /** preference tuning (DPO): the preference strength and the chosen answers' NLL weight */
  beta?: number;
  nll?: number;
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

/** A checkpoint of fresh weights for `config` (the parameter table's init, seeded), no optimizer state. */
export function freshCheckpoint(config: GPTConfig, tokenizer: Tokenizer, seed: number): Checkpoint {
  return withNewTensors({ config, tokenizer, weights: new Map() }, {}, seed);
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

