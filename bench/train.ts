/**
 * The training benchmark's page (bench/train.html): for each preset, full training steps of our
 * GPUModel, then the same GPT in TF.js on each chosen backend, back to back in this browser so
 * both run under the same load; then our KV-cache generation. Exposes
 * `window.runTrainBench(options)` for bench/train.mjs and logs progress lines starting
 * with "[chromium]". Not part of the app.
 */
import { openBenchDevice, pageLog } from './lib/bench-page.ts';
import { PRESETS } from '../src/model/config.ts';
import { benchOursTrain } from './lib/train-bench.ts';
import type { GenTiming, TrainTiming } from './lib/train-steps.ts';
import type { TfjsBackend } from './lib/tfjs-bench.ts';
import { benchTfjsTrain } from './lib/train-tfjs.ts';

export interface TrainBenchOptions {
  presets: string[];
  steps: number;
  budgetS: number;
  genTokens: number;
  tfjs: TfjsBackend[];
}

async function runTrainBench(o: TrainBenchOptions): Promise<{ adapter: string; userAgent: string; train: TrainTiming[]; gen: GenTiming[] }> {
  const log = pageLog();
  const { device, report, cache } = await openBenchDevice(log);
  const plan = { steps: o.steps, budgetMs: o.budgetS * 1000 };
  const train: TrainTiming[] = [];
  const gen: GenTiming[] = [];
  for (const p of PRESETS.filter((q) => o.presets.includes(q.id))) {
    const ours = await benchOursTrain(device, cache, report.isFallback, p, plan, o.genTokens, log);
    train.push(ours.train);
    if (ours.gen) gen.push(ours.gen);
    for (const backend of o.tfjs) train.push(await benchTfjsTrain(p, backend, plan, log));
  }
  device.destroy();
  return { adapter: report.name, userAgent: navigator.userAgent, train, gen };
}

(window as unknown as { runTrainBench: typeof runTrainBench }).runTrainBench = runTrainBench;
