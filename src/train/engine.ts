/**
 * Glue between checkpoints and the GPU model, shared by the worker and the command-line trainer:
 * build a model from a checkpoint (weights, and AdamW moments when resuming), turn a model back
 * into a checkpoint, and generate text token by token.
 */
import type { PipelineCache } from '../gpu/pipelines.ts';
import type { GPTConfig } from '../model/config.ts';
import { flatten, unflatten } from '../model/flat.ts';
import { GPUModel, type GPUModelOptions } from '../model/gpt.ts';
import { mulberry32 } from '../util/random.ts';
import type { Checkpoint, Weight } from './checkpoint.ts';
import { sampleLogits, type SampleOptions, type SampleResult } from './sampling.ts';
import type { Tokenizer } from './tokenizer.ts';

/** Builds a GPU model holding the checkpoint's weights (and its AdamW moments when present). */
export async function modelFromCheckpoint(device: GPUDevice, cache: PipelineCache, ck: Checkpoint, opts: GPUModelOptions): Promise<GPUModel> {
  const model = await GPUModel.create(device, cache, ck.config, opts);
  const data = (m: Map<string, Weight>) => Object.fromEntries([...m].map(([k, w]) => [k, w.data]));
  const weights = data(ck.weights);
  for (const t of model.layout.tensors) {
    if (!weights[t.name]) {
      // A tensor the checkpoint lacks (e.g. a new classification head) starts from the table's init.
      throw new Error(`checkpoint has no tensor "${t.name}"; initialise new tensors before building the model`);
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
    const r = sampleLogits(row, rand, { ...opts, exclude: [tokenizer.padId, ...(opts.exclude ?? [])] });
    const tok: GeneratedToken = { ...r, text: tokenizer.decode([r.token]) };
    out.push(tok);
    onToken?.(tok);
    if (r.token === tokenizer.endOfTextId && opts.stopAtEnd !== false) break;
    ids.push(r.token);
  }
  return out;
}
