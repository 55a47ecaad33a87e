/**
 * "Measure this GPU": what the learner's adapter does on the lab's own work, and how long a
 * recipe will take there. Times each fast matmul variant on the base model's products (forward and
 * backward, as GFLOP/s) and a few whole training steps of each chosen preset (tokens/s), and turns
 * a recipe (preset, steps, batch) into an estimate of its training time. Owns its own models and
 * frees them; the worker and the panel that show the figures are elsewhere. No UI, no storage.
 */
import type { AdapterReport } from '../gpu/info.ts';
import type { PipelineCache } from '../gpu/pipelines.ts';
import { timeVariant } from '../kernels/variants.ts';
import type { MatmulVariant } from '../kernels/matmul.ts';
import { DEFAULT_CONFIG, PRESETS, type Preset } from './config.ts';
import { initParams } from './flat.ts';
import { GPUModel } from './gpt.ts';
import { defaultKernelChoice, matmulShapes, type KernelChoice } from './passes.ts';

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

export interface MeasureOptions {
  /** presets whose steps are timed (default: test and small) */
  presets?: readonly Preset['id'][];
  /** timed steps per preset, after one untimed (default 2) */
  steps?: number;
  /** matmul variants timed (default: the three fast ones) */
  variants?: readonly MatmulVariant[];
  /** the kernels the steps run (default: the adapter's) */
  kernels?: KernelChoice;
  log?: (line: string) => void;
}

/** Measures `device` (see GpuMeasurement). On SwiftShader a small step takes seconds: keep `steps` low there. */
export async function measureGpu(k: PipelineCache, report: AdapterReport, o: MeasureOptions = {}): Promise<GpuMeasurement> {
  const log = o.log ?? (() => {});
  const shapes = matmulShapes(DEFAULT_CONFIG, 16 * DEFAULT_CONFIG.blockSize);
  const flops = shapes.reduce((s, { BT, C, OC }) => s + 3 * 2 * BT * C * OC, 0); // forward + two backward products
  const matmul: GpuMeasurement['matmul'] = [];
  for (const variant of o.variants ?? (['blocked_vec4', 'blocked8_vec4', 'tiled'] as const)) {
    const ms = await timeVariant(k, variant, shapes);
    matmul.push({ variant, ms, gflops: flops / ms / 1e6 });
    log(`matmul ${variant}: ${ms.toFixed(1)} ms, ${(flops / ms / 1e6).toFixed(2)} GFLOP/s`);
  }
  const presets: GpuMeasurement['presets'] = [];
  const kernels = o.kernels ?? defaultKernelChoice(report.isFallback);
  for (const p of PRESETS.filter((q) => (o.presets ?? ['test', 'small']).includes(q.id))) {
    const c = p.config;
    const B = p.batchSize;
    const model = await GPUModel.create(k.device, k, c, { batchSize: B, seqLen: c.blockSize, kernels });
    try {
      model.setParams(initParams(model.layout, 1));
      const tokens = Array.from({ length: B * c.blockSize }, (_, i) => (i * 7 + 3) % c.vocabSize);
      const step = (s: number) => model.trainStep({ tokens, targets: tokens }, { lr: 1e-3, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, step: s });
      step(1); // untimed: first-use costs
      await model.readLoss();
      const n = Math.max(1, o.steps ?? 2);
      const t0 = performance.now();
      for (let s = 0; s < n; s++) step(s + 2);
      await model.readLoss();
      const msPerStep = (performance.now() - t0) / n;
      presets.push({ preset: p.id, batch: B, T: c.blockSize, msPerStep, tokensPerSec: (B * c.blockSize * 1000) / msPerStep });
      log(`${p.id}: ${msPerStep.toFixed(0)} ms a step`);
    } finally {
      model.destroy();
    }
  }
  return { adapter: report.name, isFallback: report.isFallback, date: new Date().toISOString(), matmul, presets };
}

/**
 * Seconds a recipe's training steps will take on the measured GPU, or null when its preset was not
 * measured. A step's time is taken as proportional to its batch (the measured preset ran at its own
 * batch). An upper bound for finetuning, whose frozen layers skip part of the backward pass;
 * evaluation and data loading are not counted.
 */
export function estimateRecipeSeconds(m: GpuMeasurement, r: { preset: Preset['id']; steps: number; batch: number }): number | null {
  const p = m.presets.find((x) => x.preset === r.preset);
  if (!p) return null;
  return (r.steps * p.msPerStep * (r.batch / p.batch)) / 1000;
}
