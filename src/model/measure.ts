/**
 * "Measure this GPU": what the learner's adapter does on the lab's own work, and how long a
 * recipe will take there. Times each fast matmul variant on the base model's products (forward and
 * backward, as GFLOP/s) and a few whole training steps of each chosen preset (tokens/s), reporting
 * its progress in floating-point work; estimate.ts turns the result into a recipe's training time.
 * Owns its own models and frees them; the worker and the panel that show the figures are
 * elsewhere. No UI, no storage.
 */
import type { AdapterReport } from '../gpu/info.ts';
import type { PipelineCache } from '../gpu/pipelines.ts';
import { timeVariant } from '../kernels/variants.ts';
import type { MatmulVariant } from '../kernels/matmul.ts';
import { DEFAULT_CONFIG, matmulShapes, PRESETS, type Preset } from './config.ts';
import { initParams } from './flat.ts';
import { GPUModel } from './gpt.ts';
import { defaultKernelChoice, type KernelChoice } from './passes.ts';
import { matmulGflop, MEASURE_DEFAULTS, measureWorkGflop, stepGflop, type GpuMeasurement } from './estimate.ts';

export { estimateRecipeSeconds, type GpuMeasurement, type RecipeSize } from './estimate.ts';

/** How far a measurement is, in GFLOP of its work (done of total), and what it is timing now. */
export interface MeasureProgress {
  done: number;
  total: number;
  what: string;
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
  /** called before each part and at the end; the work is counted in floating-point operations */
  onProgress?: (p: MeasureProgress) => void;
}

/** Measures `device` (see GpuMeasurement). On SwiftShader a small step takes seconds: keep `steps` low there. */
export async function measureGpu(k: PipelineCache, report: AdapterReport, o: MeasureOptions = {}): Promise<GpuMeasurement> {
  const log = o.log ?? (() => {});
  const shapes = matmulShapes(DEFAULT_CONFIG, 16 * DEFAULT_CONFIG.blockSize);
  const flops = matmulGflop() * 1e9;
  const variants = o.variants ?? MEASURE_DEFAULTS.variants;
  const chosen = PRESETS.filter((q) => (o.presets ?? MEASURE_DEFAULTS.presets).includes(q.id));
  const n = Math.max(1, o.steps ?? MEASURE_DEFAULTS.steps);
  const total = measureWorkGflop({ variants, presets: chosen.map((p) => p.id), steps: n });
  let done = 0;
  const progress = (what: string) => o.onProgress?.({ done, total, what });
  const matmul: GpuMeasurement['matmul'] = [];
  for (const variant of variants) {
    progress(`matmul ${variant}`);
    const ms = await timeVariant(k, variant, shapes);
    matmul.push({ variant, ms, gflops: flops / ms / 1e6 });
    log(`matmul ${variant}: ${ms.toFixed(1)} ms, ${(flops / ms / 1e6).toFixed(2)} GFLOP/s`);
    done += (2 * flops) / 1e9;
  }
  const presets: GpuMeasurement['presets'] = [];
  const kernels = o.kernels ?? defaultKernelChoice(report.isFallback, k.device.features.has('subgroups'));
  for (const p of chosen) {
    progress(`${p.id} training steps`);
    const c = p.config;
    const B = p.batchSize;
    const model = await GPUModel.create(k.device, k, c, { batchSize: B, seqLen: c.blockSize, kernels });
    try {
      model.setParams(initParams(model.layout, 1));
      const tokens = Array.from({ length: B * c.blockSize }, (_, i) => (i * 7 + 3) % c.vocabSize);
      const step = (s: number) => model.trainStep({ tokens, targets: tokens }, { lr: 1e-3, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0.1, step: s });
      step(1); // untimed: first-use costs
      await model.readLoss();
      done += stepGflop(p);
      progress(`${p.id} training steps`);
      const t0 = performance.now();
      for (let s = 0; s < n; s++) step(s + 2);
      await model.readLoss();
      const msPerStep = (performance.now() - t0) / n;
      presets.push({ preset: p.id, batch: B, T: c.blockSize, msPerStep, tokensPerSec: (B * c.blockSize * 1000) / msPerStep });
      log(`${p.id}: ${msPerStep.toFixed(0)} ms a step`);
      done += n * stepGflop(p);
    } finally {
      model.destroy();
    }
  }
  progress('done');
  return { adapter: report.name, isFallback: report.isFallback, date: new Date().toISOString(), matmul, presets };
}
