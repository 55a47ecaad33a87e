/**
 * Tensor names of a checkpoint, as data: our GPT-2-style name and shape for every weight, and the
 * matching PyTorch / Hugging Face GPT2LMHeadModel name with whether the matrix must be transposed.
 * Used to check a checkpoint against its config and to convert to or from HF files. Owns names
 * and shapes only, never values or layout in GPU buffers (that is the model's parameter table).
 *
 * Why transposes: HF GPT-2 stores its projections as Conv1D with weight (in, out), while our
 * matmuls (and nn.Linear, and the golden fixture) keep (out, in). Embeddings, LayerNorm vectors and
 * biases are the same in both. HF's lm_head.weight is tied to wte.weight, so we store it once.
 * HF's hub file `model.safetensors` for gpt2 drops the `transformer.` prefix; strip it to read one.
 */
import type { GPTConfig } from '../model/config.ts';

/** One row of the table; `{i}` in a name stands for the layer index. */
export interface WeightName {
  /** our name, e.g. "h.{i}.attn.c_attn.weight" */
  ours: string;
  /** the PyTorch state_dict name in HF GPT2LMHeadModel */
  hf: string;
  /** our shape from the config (C = nEmbd, V = vocabSize, T = blockSize) */
  shape: (c: GPTConfig) => number[];
  /** true when HF stores the transpose of our matrix */
  transpose: boolean;
  /** repeated once per transformer block */
  perLayer: boolean;
}

const row = (ours: string, hf: string, shape: WeightName['shape'], transpose = false): WeightName => ({ ours, hf, shape, transpose, perLayer: ours.includes('{i}') });
const vec = (n: (c: GPTConfig) => number) => (c: GPTConfig) => [n(c)];
const C = (c: GPTConfig) => c.nEmbd;

/** Every weight of the GPT, in checkpoint order (embeddings, blocks, final LayerNorm). */
export const GPT2_WEIGHTS: readonly WeightName[] = [
  row('wte.weight', 'transformer.wte.weight', (c) => [c.vocabSize, c.nEmbd]),
  row('wpe.weight', 'transformer.wpe.weight', (c) => [c.blockSize, c.nEmbd]),
  row('h.{i}.ln_1.weight', 'transformer.h.{i}.ln_1.weight', vec(C)),
  row('h.{i}.ln_1.bias', 'transformer.h.{i}.ln_1.bias', vec(C)),
  row('h.{i}.attn.c_attn.weight', 'transformer.h.{i}.attn.c_attn.weight', (c) => [3 * c.nEmbd, c.nEmbd], true),
  row('h.{i}.attn.c_attn.bias', 'transformer.h.{i}.attn.c_attn.bias', vec((c) => 3 * c.nEmbd)),
  row('h.{i}.attn.c_proj.weight', 'transformer.h.{i}.attn.c_proj.weight', (c) => [c.nEmbd, c.nEmbd], true),
  row('h.{i}.attn.c_proj.bias', 'transformer.h.{i}.attn.c_proj.bias', vec(C)),
  row('h.{i}.ln_2.weight', 'transformer.h.{i}.ln_2.weight', vec(C)),
  row('h.{i}.ln_2.bias', 'transformer.h.{i}.ln_2.bias', vec(C)),
  row('h.{i}.mlp.c_fc.weight', 'transformer.h.{i}.mlp.c_fc.weight', (c) => [4 * c.nEmbd, c.nEmbd], true),
  row('h.{i}.mlp.c_fc.bias', 'transformer.h.{i}.mlp.c_fc.bias', vec((c) => 4 * c.nEmbd)),
  row('h.{i}.mlp.c_proj.weight', 'transformer.h.{i}.mlp.c_proj.weight', (c) => [c.nEmbd, 4 * c.nEmbd], true),
  row('h.{i}.mlp.c_proj.bias', 'transformer.h.{i}.mlp.c_proj.bias', vec(C)),
  row('ln_f.weight', 'transformer.ln_f.weight', vec(C)),
  row('ln_f.bias', 'transformer.ln_f.bias', vec(C)),
];

/** A concrete weight of one config: names with the layer filled in, and our shape. */
export interface ExpandedWeight {
  ours: string;
  hf: string;
  shape: number[];
  transpose: boolean;
}

/** The table expanded for a config: embeddings, then each block's weights in order, then ln_f. */
export function gpt2Weights(c: GPTConfig): ExpandedWeight[] {
  const out: ExpandedWeight[] = [];
  const add = (w: WeightName, i: number) => out.push({ ours: w.ours.replace('{i}', String(i)), hf: w.hf.replace('{i}', String(i)), shape: w.shape(c), transpose: w.transpose });
  const first = GPT2_WEIGHTS.findIndex((w) => w.perLayer); // table order: embeddings, block, final norm
  const last = GPT2_WEIGHTS.findLastIndex((w) => w.perLayer);
  GPT2_WEIGHTS.slice(0, first).forEach((w) => add(w, 0));
  for (let i = 0; i < c.nLayer; i++) GPT2_WEIGHTS.slice(first, last + 1).forEach((w) => add(w, i));
  GPT2_WEIGHTS.slice(last + 1).forEach((w) => add(w, 0));
  return out;
}

/** Transpose a row-major (rows, cols) matrix into a new (cols, rows) one. */
export function transpose2d<A extends Float32Array | Float64Array>(a: A, rows: number, cols: number): A {
  const out = new (a.constructor as { new (n: number): A })(a.length);
  for (let r = 0; r < rows; r++) for (let k = 0; k < cols; k++) out[k * rows + r] = a[r * cols + k];
  return out;
}

/**
 * Our weights -> HF GPT2LMHeadModel tensors (names, shapes and transposes per the table).
 * Throws naming the first weight that is missing or has the wrong shape.
 */
export function toHF(c: GPTConfig, weights: Map<string, { shape: number[]; data: Float32Array }>): Map<string, { shape: number[]; data: Float32Array }> {
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const w of gpt2Weights(c)) {
    const t = weights.get(w.ours);
    if (!t) throw new Error(`weight "${w.ours}" is missing`);
    if (t.shape.join() !== w.shape.join()) throw new Error(`weight "${w.ours}" has shape [${t.shape}], the config needs [${w.shape}]`);
    out.set(w.hf, w.transpose ? { shape: [w.shape[1], w.shape[0]], data: transpose2d(t.data, w.shape[0], w.shape[1]) } : { shape: [...t.shape], data: t.data });
  }
  return out;
}

/** HF GPT2LMHeadModel tensors (with or without the `transformer.` prefix) -> our weights. */
export function fromHF(c: GPTConfig, hf: Map<string, { shape: number[]; data: Float32Array }>): Map<string, { shape: number[]; data: Float32Array }> {
  const out = new Map<string, { shape: number[]; data: Float32Array }>();
  for (const w of gpt2Weights(c)) {
    const t = hf.get(w.hf) ?? hf.get(w.hf.replace(/^transformer\./, ''));
    if (!t) throw new Error(`HF tensor "${w.hf}" is missing`);
    const want = w.transpose ? [w.shape[1], w.shape[0]] : w.shape;
    if (t.shape.join() !== want.join()) throw new Error(`HF tensor "${w.hf}" has shape [${t.shape}], the config needs [${want}]`);
    out.set(w.ours, w.transpose ? { shape: w.shape, data: transpose2d(t.data, want[0], want[1]) } : { shape: w.shape, data: t.data });
  }
  return out;
}
