/**
 * What "Measure this GPU" found, as plain data, and the one rule that turns it into a recipe's
 * training time. Pure and GPU-free, so the store and the page can estimate without loading the
 * engine (measure.ts, which takes the measurement, imports the GPU model).
 */
import type { Preset } from './config.ts';
import type { MatmulVariant } from '../kernels/matmul.ts';

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
