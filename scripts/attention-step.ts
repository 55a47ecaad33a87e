/**
 * Attention as row kernels vs as batched products, side by side on whole training steps:
 * ms per GPUModel.trainStep for each preset with KernelChoice.attention 'rows' and 'gemm' (the
 * adapter's default matmul and row variants otherwise), timed in alternating rounds so load from
 * other processes hits both alike; then each kernel family's share of one step, timed one dispatch
 * at a time (a profile: its total is larger than a real step, which runs in one command buffer).
 *
 *   node --import tsx --import ./scripts/register-raw.mjs scripts/attention-step.ts [presets] [rounds]
 *   e.g. scripts/attention-step.ts test,small 3
 *
 * Must not: write files; it only prints.
 */
import { encodeDispatches, type Dispatch } from '../src/gpu/compute.ts';
import { requestNodeDevice } from '../src/gpu/node.ts';
import { PipelineCache } from '../src/gpu/pipelines.ts';
import { PRESETS } from '../src/model/config.ts';
import { initParams } from '../src/model/flat.ts';
import { GPUModel } from '../src/model/gpt.ts';
import { defaultKernelChoice, type KernelChoice } from '../src/model/passes.ts';

const presets = (process.argv[2] ?? 'test,small').split(',');
const rounds = Number(process.argv[3] ?? 3);
const { device, report } = await requestNodeDevice();
const cache = new PipelineCache(device);
const hyper = { lr: 1e-3, beta1: 0.9, beta2: 0.95, eps: 1e-8, weightDecay: 0, step: 1 };
console.log(`adapter: ${report.name}; ${rounds} rounds of one step each, alternating`);

type Steps = { forward: Dispatch[]; loss: Dispatch[]; backward: Dispatch[]; update: Dispatch[] };

/** Each dispatch of one step alone, summed by kernel family (label without its layer). */
async function profile(m: GPUModel): Promise<Map<string, number>> {
  const s = m as unknown as Steps;
  const fam = new Map<string, number>();
  for (const d of [...s.forward, ...s.loss, ...s.backward, ...s.update]) {
    const t0 = performance.now();
    const enc = device.createCommandEncoder();
    encodeDispatches(enc, [d]);
    device.queue.submit([enc.finish()]);
    await device.queue.onSubmittedWorkDone();
    const key = d.label.replace(/:.*$/, '');
    fam.set(key, (fam.get(key) ?? 0) + performance.now() - t0);
  }
  return fam;
}

const isAttention = (label: string) => label.startsWith('attention') || label.startsWith('softmax');

for (const id of presets) {
  const p = PRESETS.find((x) => x.id === id);
  if (!p) throw new Error(`unknown preset ${id}`);
  const B = p.batchSize;
  const T = p.config.blockSize;
  const toks = Array.from({ length: B * T }, (_, i) => (i * 7) % p.config.vocabSize);
  const base = defaultKernelChoice(report.isFallback);
  const choices: Record<string, KernelChoice> = { rows: { ...base, attention: 'rows' }, gemm: { ...base, attention: 'gemm' } };
  const models: Record<string, GPUModel> = {};
  const ms: Record<string, number[]> = { rows: [], gemm: [] };
  for (const [name, kc] of Object.entries(choices)) {
    models[name] = await GPUModel.create(device, cache, p.config, { batchSize: B, seqLen: T, kernels: kc });
    models[name].setParams(initParams(models[name].layout, 1));
    models[name].trainStep({ tokens: toks, targets: toks }, hyper); // warm-up: first-use costs
    await models[name].readLoss();
  }
  for (let r = 0; r < rounds; r++) {
    for (const name of r % 2 ? ['gemm', 'rows'] : ['rows', 'gemm']) {
      const t0 = performance.now();
      models[name].trainStep({ tokens: toks, targets: toks }, hyper);
      await models[name].readLoss();
      ms[name].push(performance.now() - t0);
    }
  }
  const mean = (x: number[]) => x.reduce((a, b) => a + b, 0) / x.length;
  const [old, neu] = [mean(ms.rows), mean(ms.gemm)];
  console.log(`\n${id} (B=${B}, T=${T}, C=${p.config.nEmbd}, NH=${p.config.nHead}, ${p.config.nLayer} layers), matmul ${base.matmul}, rows ${base.rows}`);
  console.log(`  ms/step  rows: ${old.toFixed(0)} [${ms.rows.map((x) => x.toFixed(0)).join(' ')}]  gemm: ${neu.toFixed(0)} [${ms.gemm.map((x) => x.toFixed(0)).join(' ')}]  rows/gemm = ${(old / neu).toFixed(2)}x`);
  for (const name of ['rows', 'gemm']) {
    const fam = await profile(models[name]);
    const total = [...fam.values()].reduce((a, b) => a + b, 0);
    const att = [...fam].filter(([k]) => isAttention(k));
    const attMs = att.reduce((a, [, v]) => a + v, 0);
    console.log(`  profile ${name}: ${total.toFixed(0)} ms dispatch by dispatch, attention ${attMs.toFixed(0)} ms = ${((100 * attMs) / total).toFixed(1)}%`);
    for (const [k, v] of att.sort((a, b) => b[1] - a[1])) console.log(`    ${k.padEnd(32)} ${v.toFixed(1)} ms`);
  }
}
device.destroy();
process.exit(0);
