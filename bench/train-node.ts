/**
 * The Node half of `npm run bench:train`: training steps and KV-cache generation of the real model
 * on Dawn (a real GPU when Node reaches one, else SwiftShader). Started by train.mjs with the GPU
 * environment and BENCH_OPTIONS (JSON of its options); progress on stderr, one JSON line
 * `{ adapter, train, gen }` on stdout.
 */
import { PipelineCache } from '../src/gpu/pipelines.ts';
import { requestNodeDevice } from '../src/gpu/node.ts';
import { PRESETS } from '../src/model/config.ts';
import { benchOursTrain } from './lib/train-bench.ts';
import type { GenTiming, TrainTiming } from './lib/train-steps.ts';

const o = JSON.parse(process.env.BENCH_OPTIONS ?? '{}') as { presets: string[]; steps: number; budgetS: number; genTokens: number };
const { device, report } = await requestNodeDevice();
const cache = new PipelineCache(device);
const train: TrainTiming[] = [];
const gen: GenTiming[] = [];
for (const p of PRESETS.filter((q) => o.presets.includes(q.id))) {
  const r = await benchOursTrain(device, cache, report.isFallback, p, { steps: o.steps, budgetMs: o.budgetS * 1000 }, o.genTokens, (l) => console.error(`[node] ${l}`));
  train.push(r.train);
  if (r.gen) gen.push(r.gen);
}
process.stdout.write(`${JSON.stringify({ adapter: report.name, train, gen })}\n`);
device.destroy();
process.exit(0);
