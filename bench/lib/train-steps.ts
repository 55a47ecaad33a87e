/**
 * What both sides of the training benchmark share, so ours and TF.js run the same work: the
 * random batches, the AdamW settings, and how many steps a configuration is timed for (slow
 * configurations get fewer steps, never smaller shapes). No GPU, no TF.js, no I/O.
 */
import { parameterCount, type Preset } from '../../src/model/config.ts';
import { mulberry32 } from '../../src/util/random.ts';

/** The optimizer both implementations run: the lab's AdamW defaults (src/train/trainer.ts DEFAULT_TRAIN) at a fixed rate. */
export const BENCH_ADAMW = { lr: 1e-3, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, gradClip: 1 };

/** How long a configuration may be timed for. */
export interface StepPlan {
  /** most timed steps (after the warm-up step) */
  steps: number;
  /** stop adding steps once the timed steps would pass this many milliseconds */
  budgetMs: number;
}

/** One configuration's timing: the warm-up step (compiles shaders) apart, then the mean of `steps` steps. */
export interface StepTiming {
  warmupMs: number;
  msPerStep: number;
  steps: number;
}

/** (B, T) random token ids and their next-token targets, seeded per step. */
export function benchBatch(B: number, T: number, V: number, seed: number): { tokens: Int32Array; targets: Int32Array } {
  const rand = mulberry32(seed);
  const seq = Int32Array.from({ length: B * (T + 1) }, () => Math.floor(rand() * V));
  const tokens = new Int32Array(B * T);
  const targets = new Int32Array(B * T);
  for (let b = 0; b < B; b++) {
    tokens.set(seq.subarray(b * (T + 1), b * (T + 1) + T), b * T);
    targets.set(seq.subarray(b * (T + 1) + 1, (b + 1) * (T + 1)), b * T);
  }
  return { tokens, targets };
}

/**
 * Steps still to time after a first timed step of `firstMs`: as many as fit the budget (counting
 * the first), at most plan.steps - 1 more, never fewer than 0.
 */
export function moreSteps(firstMs: number, plan: StepPlan): number {
  const fit = Math.floor(plan.budgetMs / Math.max(firstMs, 1e-3)) - 1;
  return Math.max(0, Math.min(plan.steps - 1, fit));
}

/**
 * Times training steps: one warm-up step, one timed step, then `moreSteps` more timed together.
 * `run(n, from)` enqueues steps from..from+n-1 and resolves when they have finished on the device.
 */
export async function timeSteps(run: (n: number, from: number) => Promise<void>, plan: StepPlan, now: () => number = () => performance.now()): Promise<StepTiming> {
  let t0 = now();
  await run(1, 0);
  const warmupMs = now() - t0;
  t0 = now();
  await run(1, 1);
  const firstMs = now() - t0;
  const more = moreSteps(firstMs, plan);
  if (more === 0) return { warmupMs, msPerStep: firstMs, steps: 1 };
  t0 = now();
  await run(more, 2);
  return { warmupMs, msPerStep: (firstMs + now() - t0) / (1 + more), steps: 1 + more };
}

/** One implementation's training speed on one preset. */
export interface TrainTiming extends StepTiming {
  preset: string;
  /** 'ours' | 'tfjs-webgpu' | 'tfjs-wasm' */
  impl: string;
  /** kernels or backend detail, e.g. "blocked_vec4 / thread" */
  detail: string;
  B: number;
  T: number;
  params: number;
  tokensPerSec: number;
  /** loss of the last timed step (a sanity check that the step trains, not a result) */
  loss: number;
}

/** Greedy generation speed with the KV cache on one preset. */
export interface GenTiming {
  preset: string;
  tokens: number;
  ms: number;
  tokensPerSec: number;
}

/** Builds a TrainTiming from a step timing. */
export function trainRow(p: Preset, impl: string, detail: string, t: StepTiming, loss: number): TrainTiming {
  const B = p.batchSize;
  const T = p.config.blockSize;
  return { preset: p.id, impl, detail, B, T, params: parameterCount(p.config), ...t, tokensPerSec: (B * T * 1000) / t.msPerStep, loss };
}
