/**
 * What "Measure this GPU" found, as plain data, the rule that turns it into a recipe's training
 * time, and how much work a measurement is (for its progress bar). Pure and GPU-free, so the store and the page can estimate without loading the
 * engine (measure.ts, which takes the measurement, imports the GPU model).
 */
import { DEFAULT_CONFIG, matmulShapes, PRESETS, type Preset } from './config.ts';
import type { MatmulVariant } from '../kernels/matmul.ts';

/** What a measurement times when not told otherwise: the three fast matmul variants, two steps each of test and small. */
export const MEASURE_DEFAULTS = {
  variants: ['blocked_vec4', 'blocked8_vec4', 'tiled'] as readonly MatmulVariant[],
  presets: ['test', 'small'] as readonly Preset['id'][],
  steps: 2,
};

/** GFLOP of one forward and backward pass over the base model's five products at B·T = 2048 (what each variant is timed on). */
export function matmulGflop(): number {
  return matmulShapes(DEFAULT_CONFIG, 16 * DEFAULT_CONFIG.blockSize).reduce((s, { BT, C, OC }) => s + 3 * 2 * BT * C * OC, 0) / 1e9; // forward + two backward products
}

/** GFLOP of one training step of a preset at its batch: every block's four matmuls and attention's two batched products, forward and backward, and the LM head. */
export function stepGflop(p: Preset): number {
  const c = p.config;
  const BT = p.batchSize * c.blockSize;
  const [qkv, proj, fc, fcproj, head] = matmulShapes(c, BT).map(({ C, OC }) => 6 * BT * C * OC);
  return (c.nLayer * (qkv + proj + fc + fcproj + 12 * BT * c.blockSize * c.nEmbd) + head) / 1e9;
}

/** GFLOP a measurement does: each variant twice (warm-up and timed), each preset one untimed step and `steps` timed ones. */
export function measureWorkGflop(o: { variants?: readonly MatmulVariant[]; presets?: readonly Preset['id'][]; steps?: number } = {}): number {
  const n = Math.max(1, o.steps ?? MEASURE_DEFAULTS.steps);
  const presets = PRESETS.filter((p) => (o.presets ?? MEASURE_DEFAULTS.presets).includes(p.id));
  return (o.variants ?? MEASURE_DEFAULTS.variants).length * 2 * matmulGflop() + presets.reduce((s, p) => s + (1 + n) * stepGflop(p), 0);
}

/** What one measurement found; JSON-serializable, so a learner can download and share it. */
export interface GpuMeasurement {
  adapter: string;
  isFallback: boolean;
  /** ISO time of the measurement */
  date: string;
  /** each variant on the base model's five products at B·T = 2048, forward and backward */
  matmul: { variant: MatmulVariant; ms: number; gflops: number }[];
  /** whole training steps (forward, loss, backward, clipping, AdamW) at each preset's batch and context */
  presets: { preset: Preset['id']; batch: number; T: number; msPerStep: number; tokensPerSec: number }[];
}

/** What an estimate needs of a recipe (src/lessons/recipe.ts Recipe has these fields). */
export interface RecipeSize {
  preset: Preset['id'];
  steps: number;
  /** examples per step */
  batch: number;
}

/**
 * Seconds a recipe's training steps will take on the measured GPU, or null when its preset was not
 * measured. A step's time is taken as proportional to its batch (the measured preset ran at its own
 * batch). An upper bound for finetuning, whose frozen layers skip part of the backward pass;
 * evaluation and data loading are not counted.
 */
export function estimateRecipeSeconds(m: GpuMeasurement, r: RecipeSize): number | null {
  const p = m.presets.find((x) => x.preset === r.preset);
  if (!p) return null;
  return (r.steps * p.msPerStep * (r.batch / p.batch)) / 1000;
}
