/**
 * GPTConfig: the shape of the model, one field per line, and the lab's presets.
 * Presets hold overrides only; counts, matmul shapes and memory estimates are derived, never stored.
 */
import type { MatmulDims } from '../kernels/variants.ts';

export interface GPTConfig {
  /** number of transformer blocks (L) */
  nLayer: number;
  /** attention heads per block (NH); nEmbd must divide by it */
  nHead: number;
  /** width of the residual stream (C) */
  nEmbd: number;
  /** longest context the model sees (T); also the size of the position table */
  blockSize: number;
  /** tokens in the vocabulary (V), special tokens included */
  vocabSize: number;
  /** dropout probability; the lab trains without dropout, so every preset keeps 0 */
  dropout: number;
}

// A context of 128 tokens (about 300 characters with the 1,024-token vocabulary) holds the start of
// a spam message and nearly every instruction record with its answer; 64 would cut most of both.
export const DEFAULT_CONFIG: GPTConfig = { nLayer: 4, nHead: 4, nEmbd: 128, blockSize: 128, vocabSize: 1024, dropout: 0 };

export interface Preset {
  id: 'test' | 'small' | 'medium' | 'large';
  label: string;
  blurb: string;
  config: GPTConfig;
  /** batch size the lab trains this preset with */
  batchSize: number;
}

const preset = (id: Preset['id'], label: string, blurb: string, batchSize: number, o: Partial<GPTConfig>): Preset => ({
  id,
  label,
  blurb,
  batchSize,
  config: { ...DEFAULT_CONFIG, ...o },
});

export const PRESETS: Preset[] = [
  preset('test', 'Test (tiny)', 'Two thin layers: for automated tests and CPU-only browsers.', 4, { nLayer: 2, nHead: 2, nEmbd: 32, blockSize: 32 }),
  preset('small', 'Small (~1M)', 'The shipped base model: trains in minutes on a laptop GPU.', 16, {}),
  preset('medium', 'Medium (~5M)', 'Six wider layers and a longer context: a good discrete or recent laptop GPU.', 16, { nLayer: 6, nHead: 8, nEmbd: 256, blockSize: 128, vocabSize: 2048 }),
  preset('large', 'Large (~11M)', 'The largest the lab offers: a desktop GPU trains it live.', 16, { nLayer: 8, nHead: 8, nEmbd: 320, blockSize: 128, vocabSize: 2048 }),
];

/** Throws with the field name if the config cannot describe a GPT. */
export function validateConfig(c: GPTConfig): void {
  for (const k of ['nLayer', 'nHead', 'nEmbd', 'blockSize', 'vocabSize'] as const) {
    if (!Number.isInteger(c[k]) || c[k] <= 0) throw new Error(`GPTConfig.${k} must be a positive integer, got ${c[k]}`);
  }
  if (c.nEmbd % c.nHead !== 0) throw new Error(`GPTConfig.nEmbd (${c.nEmbd}) must be divisible by nHead (${c.nHead})`);
  if (!(c.dropout >= 0 && c.dropout < 1)) throw new Error(`GPTConfig.dropout must be in [0, 1), got ${c.dropout}`);
}

/** Parameter count of a GPT-2-style model with tied input/output embeddings. */
export function parameterCount(c: GPTConfig): number {
  const C = c.nEmbd;
  const perLayer = 2 * C /* ln_1 */ + (3 * C * C + 3 * C) /* qkv */ + (C * C + C) /* attn proj */ + 2 * C /* ln_2 */ + (4 * C * C + 4 * C) /* fc */ + (4 * C * C + C); /* fc proj */
  return c.vocabSize * C + c.blockSize * C + c.nLayer * perLayer + 2 * C;
}

/** Floats of activations kept for backward in one training step of batch B (llm.c's list). */
export function activationCount(c: GPTConfig, B: number): number {
  const { nLayer: L, nHead: NH, nEmbd: C, blockSize: T, vocabSize: V } = c;
  const BT = B * T;
  const perLayer = BT * C * 9 + BT * 4 + BT * C * 3 + 2 * B * NH * T * T + BT * C * 8;
  return BT * C + L * perLayer + BT * C + 2 * BT + 2 * BT * V + BT;
}

/** Bytes of GPU memory one training step needs: parameters, gradients, two AdamW moments, activations and their gradients. */
export function trainingBytes(c: GPTConfig, B: number): number {
  return 4 * (4 * parameterCount(c) + 2 * activationCount(c, B));
}

/** The largest single buffer training needs (the biggest of: all parameters, all activations, logits). */
export function largestBufferBytes(c: GPTConfig, B: number): number {
  return 4 * Math.max(parameterCount(c), activationCount(c, B));
}

/**
 * Why this preset cannot run on a device with these limits, naming the limit and by how much,
 * or null if it fits.
 */
export function presetDoesNotFit(p: Preset, limits: { maxStorageBufferBindingSize: number; maxBufferSize: number }): string | null {
  const need = largestBufferBytes(p.config, p.batchSize);
  for (const name of ['maxStorageBufferBindingSize', 'maxBufferSize'] as const) {
    if (need > limits[name]) {
      const mib = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
      return `${p.label} needs a ${mib(need)} buffer but this GPU's ${name} is ${mib(limits[name])} (${mib(need - limits[name])} short).`;
    }
  }
  return null;
}

/** The matmul shapes of a training step (llm.c layout, see kernels/variants.ts): the four linear layers and the tied LM head. */
export function matmulShapes(c: GPTConfig, BT: number): MatmulDims[] {
  const C = c.nEmbd;
  return [{ BT, C, OC: 3 * C }, { BT, C, OC: C }, { BT, C, OC: 4 * C }, { BT, C: 4 * C, OC: C }, { BT, C, OC: c.vocabSize }];
}
