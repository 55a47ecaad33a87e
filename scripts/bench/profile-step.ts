/**
 * Where a training step's time goes, in Node (Dawn): `npm run bench:profile -- [preset] [steps] [matmul variant] [rounds]`.
 *
 * 1. Wall time of rounds of `steps` training steps followed by reading the loss, with the waits
 *    paced (src/gpu/pace.ts) and not, in alternating rounds; with the CPU time the JS thread spent meanwhile
 *    (Linux: /proc/self/task/<pid>/stat; SwiftShader's worker threads live in the same process, so
 *    process.cpuUsage() would count them too).
 * 2. GPU time by kernel family, from timestamp queries (one compute pass per dispatch, so the sum
 *    is a little larger than a real step, which runs every dispatch in one pass).
 *
 * Prints only; writes nothing. Needs the GPU environment (scripts/gpu-env.mjs), which the npm
 * script's runner provides.
 */
import { readFileSync } from 'node:fs';
import type { MatmulVariant } from '../../src/kernels/matmul.ts';
import { requestNodeDevice } from '../../src/gpu/node.ts';
import { spinningWaits } from '../../src/gpu/pace.ts';
import { PipelineCache } from '../../src/gpu/pipelines.ts';
import { PRESETS } from '../../src/model/config.ts';
import { initParams } from '../../src/model/flat.ts';
import { GPUModel } from '../../src/model/gpt.ts';
import { defaultKernelChoice } from '../../src/model/passes.ts';
import { profileSteps } from './profile-gpu.ts';
import { BENCH_ADAMW, benchBatch } from './train-steps.ts';

const presetId = process.argv[2] ?? 'small';
const steps = Number(process.argv[3] ?? 2);
const rounds = Number(process.argv[5] ?? 2);
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
const matmul = process.argv[4] as MatmulVariant | undefined;
const kernels = { ...defaultKernelChoice(report.isFallback), ...(matmul ? { matmul } : {}) };
const build = async () => {
  const m = await GPUModel.create(device, cache, c, { batchSize: p.batchSize, seqLen: c.blockSize, kernels, gradClip: BENCH_ADAMW.gradClip });
  m.setParams(initParams(m.layout, 1));
  return m;
};
// Two models, one built while the device's waits are marked as spinning (its waits are paced,
// src/gpu/pace.ts) and one without: timed in alternating rounds, so other load hits both alike.
const paced = await build();
spinningWaits.delete(device);
const unpaced = await build();
const batches = Array.from({ length: steps }, (_, s) => benchBatch(p.batchSize, c.blockSize, c.vocabSize, s));
const round = async (m: GPUModel) => {
  const cpu0 = jsThreadCpuS();
  const t0 = performance.now();
  for (let s = 0; s < steps; s++) m.trainStep(batches[s], { ...BENCH_ADAMW, step: s + 1 });
  await m.readLoss();
  return { ms: (performance.now() - t0) / steps, cpuMs: ((jsThreadCpuS() - cpu0) * 1000) / steps };
};
await round(paced); // warm-up: first-use costs (the pacer does not learn from its first wait)
await round(paced); // the pacer learns the step time
await round(unpaced);
console.log(`adapter: ${report.name}; preset ${p.id} (B=${p.batchSize}, T=${c.blockSize}, C=${c.nEmbd}, L=${c.nLayer}, V=${c.vocabSize}); matmul ${kernels.matmul}, rows ${kernels.rows}`);
const res: Record<string, { ms: number; cpuMs: number }[]> = { paced: [], unpaced: [] };
for (let r = 0; r < rounds; r++) {
  for (const name of r % 2 ? ['unpaced', 'paced'] : ['paced', 'unpaced']) res[name].push(await round(name === 'paced' ? paced : unpaced));
}
for (const [name, rs] of Object.entries(res)) {
  const ms = rs.reduce((a, x) => a + x.ms, 0) / rs.length;
  const cpu = rs.reduce((a, x) => a + x.cpuMs, 0) / rs.length;
  console.log(`${name.padEnd(8)} waits: ${ms.toFixed(0)} ms/step, ${((p.batchSize * c.blockSize * 1000) / ms).toFixed(0)} tok/s; JS thread busy ${cpu.toFixed(0)} ms/step (${((100 * cpu) / ms).toFixed(0)}% of wall) [${rs.map((x) => x.ms.toFixed(0)).join(' ')}]`);
}
const model = paced;
unpaced.destroy();

const tp = performance.now();
const prof = await profileSteps(device, model);
const profWall = performance.now() - tp;
if (!prof) console.log('no timestamp-query feature on this adapter: no per-kernel profile');
else {
  console.log(`\nGPU time by kernel family (one pass per dispatch, ${prof.dispatches} dispatches): ${prof.totalMs.toFixed(0)} ms of ${profWall.toFixed(0)} ms wall`);
  for (const r of prof.rows) console.log(`  ${r.family.padEnd(40)} ${String(r.count).padStart(4)} x  ${r.ms.toFixed(1).padStart(8)} ms  ${((100 * r.ms) / prof.totalMs).toFixed(1).padStart(5)}%`);
}
model.destroy();
device.destroy();
process.exit(0);
