/**
 * The GPU check's program (bundled by scripts/gpu-check/pack.mjs into one file for a bare Linux
 * machine with a GPU and no Node install): on the first Dawn adapter (Vulkan), the GPU-vs-reference
 * check of every matmul variant on the small preset's shapes, matmul GFLOP/s per variant and
 * shape, and whole training steps of the small and medium presets with the kernels the lab picks
 * there (and with each matmul variant). Prints tables and one JSON line at the end (`GPU-CHECK {...}`).
 * Reads nothing from disk; writes nothing.
 */
import { PipelineCache } from '../../src/gpu/pipelines.ts';
import { requestNodeDevice } from '../../src/gpu/node.ts';
import { MATMUL_VARIANTS, matmul_backward, matmul_forward } from '../../src/kernels/matmul.ts';
import * as ref from '../../src/kernels/matmul.ref.ts';
import { createStorageBuffer, readBuffer } from '../../src/gpu/buffers.ts';
import { submitDispatches } from '../../src/gpu/compute.ts';
import { PRESETS } from '../../src/model/config.ts';
import { defaultKernelChoice, type KernelChoice } from '../../src/model/passes.ts';
import { mulberry32, uniformArray } from '../../src/util/random.ts';
import { benchOurs, type MatmulTiming } from '../../bench/lib/matmul-bench.ts';
import { BENCH_PRESETS, matmulShapes } from '../../bench/lib/shapes.ts';
import { benchOursTrain } from '../../bench/lib/train-bench.ts';
import type { TrainTiming } from '../../bench/lib/train-steps.ts';

const log = (l: string) => console.log(l);
const { device, report } = await requestNodeDevice();
const cache = new PipelineCache(device);
log(`adapter: ${report.name} (software: ${report.isFallback})`);

// 1. Every matmul variant against the float64 reference, forward and backward, on an awkward shape and the small fc layer.
const failures: string[] = [];
for (const variant of MATMUL_VARIANTS) {
  for (const [BT, C, OC] of [[37, 45, 29], [40, 48, 24], [2048, 128, 512]]) {
    const rand = mulberry32(BT + C + OC);
    const [inp, weight, bias, dout] = [uniformArray(BT * C, rand), uniformArray(OC * C, rand), uniformArray(OC, rand), uniformArray(BT * OC, rand)];
    const up = (x: Float32Array, label: string) => createStorageBuffer(device, x, label);
    const [inpB, wB, biasB, doutB] = [up(inp, 'inp'), up(weight, 'w'), up(bias, 'bias'), up(dout, 'dout')];
    const [out, dinp, dw, db] = [up(new Float32Array(BT * OC), 'out'), up(new Float32Array(BT * C), 'dinp'), up(new Float32Array(OC * C), 'dw'), up(new Float32Array(OC), 'db')];
    submitDispatches(device, [
      await matmul_forward(cache, out, inpB, wB, biasB, BT, C, OC, variant),
      ...(await matmul_backward(cache, dinp, dw, db, doutB, inpB, wB, BT, C, OC, variant)),
    ]);
    const f64 = (x: Float32Array) => Float64Array.from(x);
    const want = { out: new Float64Array(BT * OC), dinp: new Float64Array(BT * C), dw: new Float64Array(OC * C), db: new Float64Array(OC) };
    ref.matmul_forward(want.out, f64(inp), f64(weight), f64(bias), BT, C, OC);
    ref.matmul_backward(want.dinp, want.dw, want.db, f64(dout), f64(inp), f64(weight), BT, C, OC);
    for (const [name, buf, w] of [['out', out, want.out], ['dinp', dinp, want.dinp], ['dweight', dw, want.dw], ['dbias', db, want.db]] as const) {
      const got = new Float32Array(await readBuffer(device, buf));
      // float32 sums of up to K=2048 products of values in [-1, 1]
      const bad = w.findIndex((x, i) => !(Math.abs(got[i] - x) <= 2e-3 + 1e-4 * Math.abs(x)));
      if (bad >= 0) failures.push(`${variant} ${BT}x${C}->${OC} ${name}[${bad}]: got ${got[bad]}, want ${w[bad]}`);
    }
    for (const b of [inpB, wB, biasB, doutB, out, dinp, dw, db]) b.destroy();
  }
}
log(failures.length ? `matmul vs reference: ${failures.length} FAILED\n  ${failures.join('\n  ')}` : `matmul vs reference: all ${MATMUL_VARIANTS.length} variants match on 3 shapes`);

// 2. GFLOP/s per variant on the small and medium presets' shapes.
const matmul: MatmulTiming[] = [];
for (const p of BENCH_PRESETS.filter((q) => q.id === 'small' || q.id === 'medium')) {
  for (const s of matmulShapes(p)) matmul.push(...(await benchOurs(device, cache, s, MATMUL_VARIANTS, log)));
}

// 3. Training steps: the lab's choice, then each fast variant, then (with subgroups) the row
// kernels' tree reductions against the subgroup ones the lab picks.
const train: TrainTiming[] = [];
const subgroups = device.features.has('subgroups');
const lab = defaultKernelChoice(report.isFallback, subgroups);
const choices: KernelChoice[] = [lab, ...(['blocked_vec4', 'blocked8_vec4', 'tiled'] as const).map((matmul) => ({ ...lab, matmul }))];
if (lab.rows === 'subgroup') choices.push({ ...lab, rows: 'workgroup' });
for (const p of PRESETS.filter((q) => q.id === 'small' || q.id === 'medium')) {
  for (const kernels of choices) train.push((await benchOursTrain(device, cache, report.isFallback, p, { steps: 20, budgetMs: 20_000 }, 0, log, kernels)).train);
}
console.log(`GPU-CHECK ${JSON.stringify({ adapter: report.name, failures, matmul, train })}`);
device.destroy();
process.exit(failures.length ? 1 : 0);
