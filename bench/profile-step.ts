/**
 * Where a training step's time goes, in Node (Dawn):
 *   npm run bench:profile -- [preset] [steps] [rounds] [configs] [profiled config]
 *   e.g. npm run bench:profile -- small 2 2 blocked_vec4:unpaced,blocked8_vec4:paced
 *
 * 1. Configurations side by side: each is a matmul variant and `paced` or `unpaced` waits
 *    (src/gpu/pace.ts); rounds of `steps` training steps followed by reading the loss, the
 *    configurations taking turns (first in turn rotates), so load from other processes hits all
 *    alike. With each: wall time per step and the CPU time the JS thread spent meanwhile (Linux:
 *    /proc/self/task/<pid>/stat; SwiftShader's worker threads live in the same process, so
 *    process.cpuUsage() would count them too).
 * 2. For one configuration (default: the last), GPU time by kernel family from timestamp queries
 *    (one compute pass per dispatch, so the sum is a little larger than a real step's).
 *
 * Prints only; writes nothing. Needs the GPU environment (scripts/gpu-env.mjs), which the npm
 * script's runner provides.
 */
import { readFileSync } from 'node:fs';
import type { MatmulVariant } from '../src/kernels/matmul.ts';
import { requestNodeDevice } from '../src/gpu/node.ts';
import { spinningWaits } from '../src/gpu/pace.ts';
import { PipelineCache } from '../src/gpu/pipelines.ts';
import { PRESETS } from '../src/model/config.ts';
import { initParams } from '../src/model/flat.ts';
import { GPUModel } from '../src/model/gpt.ts';
import { defaultKernelChoice } from '../src/model/passes.ts';
import { profileSteps } from './lib/profile-gpu.ts';
import { BENCH_ADAMW, benchBatch } from './lib/train-steps.ts';

const presetId = process.argv[2] ?? 'small';
const steps = Number(process.argv[3] ?? 2);
const rounds = Number(process.argv[4] ?? 2);
const configs = (process.argv[5] || 'blocked_vec4:unpaced,blocked8_vec4:paced').split(',');
const profiled = process.argv[6] || configs[configs.length - 1];
const p = PRESETS.find((x) => x.id === presetId);
if (!p) throw new Error(`unknown preset ${presetId}`);

/** CPU seconds the main (JS) thread has used so far, or NaN off Linux. */
function jsThreadCpuS(): number {
  try {
    const f = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(f[11]) + Number(f[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return NaN;
  }
}

const { device, report } = await requestNodeDevice();
const cache = new PipelineCache(device);
const c = p.config;
const batches = Array.from({ length: steps }, (_, s) => benchBatch(p.batchSize, c.blockSize, c.vocabSize, s));
const models = new Map<string, GPUModel>();
for (const name of configs) {
  const [matmul, pace] = name.split(':') as [MatmulVariant, string];
  // A model paces its waits when its device is marked as spinning when it is built (src/gpu/pace.ts).
  if (pace === 'paced') spinningWaits.add(device);
  else spinningWaits.delete(device);
  const kernels = { ...defaultKernelChoice(report.isFallback), matmul };
  const m = await GPUModel.create(device, cache, c, { batchSize: p.batchSize, seqLen: c.blockSize, kernels, gradClip: BENCH_ADAMW.gradClip });
  m.setParams(initParams(m.layout, 1));
  models.set(name, m);
}
const round = async (m: GPUModel) => {
  const cpu0 = jsThreadCpuS();
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) m.trainStep(batches[s], { ...BENCH_ADAMW, step: s + 1 });
  await m.readLoss();
  return { ms: (performance.now() - t0) / steps, cpuMs: ((jsThreadCpuS() - cpu0) * 1000) / steps };
};
// Two untimed rounds each: first-use costs, and the pacer learns the step time (not from its first wait).
for (const m of models.values()) for (let i = 0; i < 2; i++) await round(m);
console.log(`adapter: ${report.name}; preset ${p.id} (B=${p.batchSize}, T=${c.blockSize}, C=${c.nEmbd}, L=${c.nLayer}, V=${c.vocabSize}); ${rounds} rounds of ${steps} steps`);
const res = new Map<string, { ms: number; cpuMs: number }[]>(configs.map((n) => [n, []]));
for (let r = 0; r < rounds; r++) {
  for (let i = 0; i < configs.length; i++) {
    const name = configs[(i + r) % configs.length];
    res.get(name)!.push(await round(models.get(name)!));
  }
}
for (const [name, rs] of res) {
  const ms = rs.reduce((a, x) => a + x.ms, 0) / rs.length;
  const cpu = rs.reduce((a, x) => a + x.cpuMs, 0) / rs.length;
  console.log(`${name.padEnd(24)} ${ms.toFixed(0)} ms/step, ${((p.batchSize * c.blockSize * 1000) / ms).toFixed(0)} tok/s; JS thread busy ${cpu.toFixed(0)} ms/step (${((100 * cpu) / ms).toFixed(0)}% of wall) [${rs.map((x) => x.ms.toFixed(0)).join(' ')}]`);
}
const model = models.get(profiled)!;
for (const [name, m] of models) if (name !== profiled) m.destroy();

const tp = performance.now();
const prof = await profileSteps(device, model);
const profWall = performance.now() - tp;
if (!prof) console.log('no timestamp-query feature on this adapter: no per-kernel profile');
else {
  console.log(`\nGPU time by kernel family, ${profiled} (one pass per dispatch, ${prof.dispatches} dispatches): ${prof.totalMs.toFixed(0)} ms of ${profWall.toFixed(0)} ms wall`);
  for (const r of prof.rows) console.log(`  ${r.family.padEnd(40)} ${String(r.count).padStart(4)} x  ${r.ms.toFixed(1).padStart(8)} ms  ${((100 * r.ms) / prof.totalMs).toFixed(1).padStart(5)}%`);
}
model.destroy();
device.destroy();
process.exit(0);
