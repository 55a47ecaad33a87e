/**
 * Times the lab's matmul variants, forward and backward, on a WebGPU device: the same code runs in
 * Node (Dawn) and on the bench page in Chromium. Builds its own buffers per shape and frees them.
 * Measures wall time from submit to onSubmittedWorkDone, so it needs no timestamp-query feature.
 */
import { createStorageBuffer } from '../../src/gpu/buffers.ts';
import { submitDispatches, type Dispatch } from '../../src/gpu/compute.ts';
import { PipelineCache } from '../../src/gpu/pipelines.ts';
import { MATMUL_VARIANTS, type MatmulVariant, matmul_backward, matmul_forward } from '../../src/kernels/matmul.ts';
import { mulberry32, uniformArray } from '../../src/util/random.ts';
import { type MatmulShape, matmulFlops, timeAdaptive } from './shapes.ts';

export interface MatmulTiming {
  preset: string;
  shape: string;
  BT: number;
  C: number;
  OC: number;
  /** a variant of ours ('naive' | 'blocked' | 'tiled') or a library ('tfjs-webgpu', 'tfjs-wasm') */
  impl: string;
  fwdMs: number;
  bwdMs: number;
  fwdGflops: number;
  bwdGflops: number;
  reps: number;
}

/** Builds a timing row from measured milliseconds. */
export function timingRow(s: MatmulShape, impl: string, fwdMs: number, bwdMs: number, reps: number): MatmulTiming {
  const f = matmulFlops(s);
  return { preset: s.preset, shape: s.name, BT: s.BT, C: s.C, OC: s.OC, impl, fwdMs, bwdMs, fwdGflops: f.fwd / fwdMs / 1e6, bwdGflops: f.bwd / bwdMs / 1e6, reps };
}

async function runReps(device: GPUDevice, ds: Dispatch[], reps: number): Promise<void> {
  for (let r = 0; r < reps; r++) submitDispatches(device, ds, 'bench');
  await device.queue.onSubmittedWorkDone();
}

/** Times every variant of ours on one shape; `log` receives a line per result. */
export async function benchOurs(
  device: GPUDevice,
  cache: PipelineCache,
  s: MatmulShape,
  variants: readonly MatmulVariant[] = MATMUL_VARIANTS,
  log: (line: string) => void = () => {},
): Promise<MatmulTiming[]> {
  const rand = mulberry32(s.BT + s.C + s.OC);
  const buf = (n: number, label: string) => createStorageBuffer(device, uniformArray(n, rand), label);
  const [inp, weight, bias, out, dout] = [buf(s.BT * s.C, 'inp'), buf(s.OC * s.C, 'weight'), buf(s.OC, 'bias'), buf(s.BT * s.OC, 'out'), buf(s.BT * s.OC, 'dout')];
  const [dinp, dweight, dbias] = [buf(s.BT * s.C, 'dinp'), buf(s.OC * s.C, 'dweight'), buf(s.OC, 'dbias')];
  const rows: MatmulTiming[] = [];
  try {
    for (const v of variants) {
      const fwd = [await matmul_forward(cache, out, inp, weight, s.bias ? bias : null, s.BT, s.C, s.OC, v)];
      const bwd = await matmul_backward(cache, dinp, dweight, s.bias ? dbias : null, dout, inp, weight, s.BT, s.C, s.OC, v);
      const f = await timeAdaptive((reps) => runReps(device, fwd, reps));
      const b = await timeAdaptive((reps) => runReps(device, bwd, reps));
      const row = timingRow(s, v, f.ms, b.ms, Math.min(f.reps, b.reps));
      rows.push(row);
      log(`${s.preset} ${s.name} ${v}: fwd ${row.fwdMs.toFixed(2)} ms (${row.fwdGflops.toFixed(2)} GFLOP/s), bwd ${row.bwdMs.toFixed(2)} ms (${row.bwdGflops.toFixed(2)} GFLOP/s)`);
    }
  } finally {
    for (const b of [inp, weight, bias, out, dout, dinp, dweight, dbias]) b.destroy();
  }
  return rows;
}
