/**
 * Checkpoint bundles: everything needed to resume or share a model, in ONE safetensors file.
 * Owns the bundle layout and its checks; the byte format is safetensors.ts, the names are
 * gpt2-names.ts. It never touches the GPU: the engine reads its buffers into Float32Arrays first.
 *
 * Layout of the file:
 *   tensors     our GPT-2-style weights ("wte.weight", "h.0.attn.c_attn.weight", ...), plus any
 *               extra weights the run added (e.g. a classifier head), all F32, in the given order
 *               "optim.m.<name>", "optim.v.<name>": AdamW first and second moments (optional)
 *   __metadata__ "format": "webgpu-lab-checkpoint", "version": "1",
 *               "config": GPTConfig JSON, "tokenizer": tokenizer JSON (tokenizer-json.ts),
 *               "optim.step": AdamW step count (present exactly when moments are),
 *               "info": free JSON about the run (stage, steps, loss...) for display
 *
 * Why one file with prefixed names rather than a second optimizer file: the lab saves to and loads
 * from a single download/upload or storage entry, so a model can never be separated from the
 * moments and tokenizer it was trained with. Tools that want only the weights skip "optim.*".
 */
import { validateConfig, type GPTConfig } from '../model/config.ts';
import { gpt2Weights } from './gpt2-names.ts';
import { readSafetensors, writeSafetensors } from './safetensors.ts';
import type { Tokenizer } from './tokenizer.ts';
import { loadTokenizer, saveTokenizer } from './tokenizer-json.ts';

export const CHECKPOINT_FORMAT = 'webgpu-lab-checkpoint';
export const CHECKPOINT_VERSION = 1;
const M = 'optim.m.';
const V = 'optim.v.';

/** A named float32 tensor (row-major). */
export interface Weight {
  shape: number[];
  data: Float32Array;
}

/** AdamW state: moments per weight name (frozen weights may have none) and the step count. */
export interface OptimizerState {
  /** steps taken so far (bias correction uses it) */
  step: number;
  m: Map<string, Weight>;
  v: Map<string, Weight>;
}

/** A model with what it needs to run and to resume training. */
export interface Checkpoint {
  config: GPTConfig;
  tokenizer: Tokenizer;
  /** weights in checkpoint order; must include every GPT-2 weight of `config` */
  weights: Map<string, Weight>;
  optimizer?: OptimizerState;
  /** free-form facts about the run, shown to the user (JSON-serializable) */
  info?: Record<string, unknown>;
}

/**
 * Throws naming the first GPT-2 weight of `config` that is missing from `weights` or has the wrong
 * shape. Extra weights (a classifier head, say) are allowed.
 */
export function checkGPT2Weights(config: GPTConfig, weights: Map<string, Weight>, source = 'checkpoint'): void {
  for (const w of gpt2Weights(config)) {
    const t = weights.get(w.ours);
    if (!t) throw new Error(`${source}: weight "${w.ours}" is missing`);
    if (t.shape.join() !== w.shape.join()) throw new Error(`${source}: weight "${w.ours}" has shape [${t.shape}], config needs [${w.shape}]`);
  }
}

function checkBundle(ck: Checkpoint, source: string): void {
  validateConfig(ck.config);
  if (ck.tokenizer.vocabSize !== ck.config.vocabSize) {
    throw new Error(`${source}: tokenizer has ${ck.tokenizer.vocabSize} tokens but config.vocabSize is ${ck.config.vocabSize}`);
  }
  checkGPT2Weights(ck.config, ck.weights, source);
  const opt = ck.optimizer;
  if (!opt) return;
  if (!Number.isInteger(opt.step) || opt.step < 0) throw new Error(`${source}: optimizer step must be a non-negative integer, got ${opt.step}`);
  for (const [kind, moments, other] of [['m', opt.m, opt.v], ['v', opt.v, opt.m]] as const) {
    for (const [name, t] of moments) {
      const w = ck.weights.get(name);
      if (!w) throw new Error(`${source}: optimizer ${kind} for "${name}" has no weight of that name`);
      if (t.shape.join() !== w.shape.join()) throw new Error(`${source}: optimizer ${kind} for "${name}" has shape [${t.shape}], the weight has [${w.shape}]`);
      if (!other.has(name)) throw new Error(`${source}: optimizer has ${kind} for "${name}" but no ${kind === 'm' ? 'v' : 'm'}`);
    }
  }
}

/** Serialize a checkpoint to safetensors bytes. Throws if the bundle is inconsistent. */
export function saveCheckpoint(ck: Checkpoint): Uint8Array {
  checkBundle(ck, 'checkpoint');
  const tensors: [string, Weight][] = [...ck.weights];
  for (const name of ck.weights.keys()) {
    if (name.startsWith('optim.')) throw new Error(`checkpoint: weight name "${name}" uses the reserved prefix "optim."`);
  }
  const metadata: Record<string, string> = {
    format: CHECKPOINT_FORMAT,
    version: String(CHECKPOINT_VERSION),
    config: JSON.stringify(ck.config),
    tokenizer: saveTokenizer(ck.tokenizer),
  };
  if (ck.optimizer) {
    metadata['optim.step'] = String(ck.optimizer.step);
    for (const [name, t] of ck.optimizer.m) tensors.push([M + name, t]);
    for (const [name, t] of ck.optimizer.v) tensors.push([V + name, t]);
  }
  if (ck.info) metadata.info = JSON.stringify(ck.info);
  return writeSafetensors(tensors, metadata);
}

/**
 * Parse and check a checkpoint. `source` (e.g. the file name) starts every error message.
 * Throws on a damaged file, a foreign format, a newer version, or weights that do not fit the config.
 */
export function loadCheckpoint(bytes: Uint8Array, source = 'checkpoint'): Checkpoint {
  const file = readSafetensors(bytes, source);
  const md = file.metadata;
  const fail = (msg: string): never => {
    throw new Error(`${source}: ${msg}`);
  };
  if (md.format !== CHECKPOINT_FORMAT) fail(`metadata "format" is ${JSON.stringify(md.format)}, not a lab checkpoint ("${CHECKPOINT_FORMAT}")`);
  if (md.version !== String(CHECKPOINT_VERSION)) fail(`metadata "version" is ${JSON.stringify(md.version)}; this lab reads version ${CHECKPOINT_VERSION}`);
  const json = (key: string): unknown => {
    if (md[key] === undefined) return fail(`metadata "${key}" is missing`);
    try {
      return JSON.parse(md[key]);
    } catch (e) {
      return fail(`metadata "${key}" is not valid JSON (${(e as Error).message})`);
    }
  };
  const config = json('config') as GPTConfig;
  try {
    validateConfig(config);
  } catch (e) {
    fail(`metadata "config": ${(e as Error).message}`);
  }
  const tokenizer = loadTokenizer(md.tokenizer ?? fail('metadata "tokenizer" is missing'), `in ${source}`);

  const weights = new Map<string, Weight>();
  const m = new Map<string, Weight>();
  const v = new Map<string, Weight>();
  for (const [name, t] of file.tensors) {
    if (!(t.data instanceof Float32Array) || t.dtype !== 'F32') fail(`tensor "${name}" is ${t.dtype}; checkpoints hold F32`);
    const w = { shape: t.shape, data: t.data as Float32Array };
    if (name.startsWith(M)) m.set(name.slice(M.length), w);
    else if (name.startsWith(V)) v.set(name.slice(V.length), w);
    else if (name.startsWith('optim.')) fail(`tensor "${name}" has an unknown optimizer prefix`);
    else weights.set(name, w);
  }
  const ck: Checkpoint = { config, tokenizer, weights };
  if (md['optim.step'] !== undefined) {
    const step = Number(md['optim.step']);
    ck.optimizer = { step, m, v };
  } else if (m.size + v.size > 0) fail('optimizer moments are present but metadata "optim.step" is missing');
  if (md.info !== undefined) ck.info = json('info') as Record<string, unknown>;
  checkBundle(ck, source);
  return ck;
}
