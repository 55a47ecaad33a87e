/**
 * TF.js on the benchmark's shapes, for comparison: the forward matmul (fused with the bias) and
 * the backward products a framework would run (dout · weight, doutᵀ · inp, column sums of dout).
 * TF.js compiles shaders per shape, so every shape gets one untimed warm-up run first.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { type MatmulTiming, timingRow } from './matmul-bench.ts';
import { type MatmulShape, timeAdaptive } from './shapes.ts';

export type TfjsBackend = 'webgpu' | 'wasm';

setWasmPaths('/'); // the bench server's public folder is tfjs-backend-wasm/dist

/** Runs `fn` `reps` times and waits until the last result is computed (reading one element back). */
async function runReps(fn: () => tf.Tensor[], reps: number): Promise<void> {
  let last: tf.Tensor[] = [];
  for (let r = 0; r < reps; r++) {
    tf.dispose(last);
    last = fn();
  }
  const probes = last.map((t) => (t.rank === 2 ? t.slice([0, 0], [1, 1]) : t.slice([0], [1])));
  await Promise.all(probes.map((t) => t.data()));
  tf.dispose([...last, ...probes]);
}

/** Switches TF.js to `backend` (shared with the training benchmark, bench/train-tfjs.ts). */
export async function useTfjsBackend(backend: TfjsBackend): Promise<void> {
  if (tf.getBackend() !== backend && !(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} is not available`);
  await tf.ready();
}

/** Times forward and backward on one TF.js backend. */
export async function benchTfjs(s: MatmulShape, backend: TfjsBackend, log: (line: string) => void): Promise<MatmulTiming> {
  await useTfjsBackend(backend);
  const inp = tf.randomUniform([s.BT, s.C], -1, 1);
  const weight = tf.randomUniform([s.OC, s.C], -1, 1);
  const bias = tf.randomUniform([s.OC], -1, 1);
  const dout = tf.randomUniform([s.BT, s.OC], -1, 1);
  const fwd = () => [s.bias ? tf.fused.matMul({ a: inp, b: weight, transposeB: true, bias }) : tf.matMul(inp, weight, false, true)];
  const bwd = () => {
    const ds = [tf.matMul(dout, weight), tf.matMul(dout, inp, true, false)];
    if (s.bias) ds.push(tf.sum(dout, 0));
    return ds;
  };
  try {
    await runReps(fwd, 1);
    const f = await timeAdaptive((reps) => runReps(fwd, reps));
    await runReps(bwd, 1);
    const b = await timeAdaptive((reps) => runReps(bwd, reps));
    const row = timingRow(s, `tfjs-${backend}`, f.ms, b.ms, Math.min(f.reps, b.reps));
    log(`${s.preset} ${s.name} tfjs-${backend}: fwd ${row.fwdMs.toFixed(2)} ms (${row.fwdGflops.toFixed(2)} GFLOP/s), bwd ${row.bwdMs.toFixed(2)} ms (${row.bwdGflops.toFixed(2)} GFLOP/s)`);
    return row;
  } finally {
    tf.dispose([inp, weight, bias, dout]);
  }
}
