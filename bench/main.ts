/**
 * The bench page: times the lab's matmul variants and TF.js (webgpu and wasm backends) on the same
 * shapes in this browser. Exposes `window.runBench(options)` for bench/kernels.mjs; logs
 * progress lines starting with "[chromium]". Not part of the app.
 */
import { openBenchDevice, pageLog } from './lib/bench-page.ts';
import { MATMUL_VARIANTS, type MatmulVariant } from '../src/kernels/matmul.ts';
import { benchOurs, type MatmulTiming } from './lib/matmul-bench.ts';
import { BENCH_PRESETS, matmulShapes } from './lib/shapes.ts';
import { benchTfjs, type TfjsBackend } from './lib/tfjs-bench.ts';

export interface BenchOptions {
  presets: string[];
  /** null: every variant */
  variants: MatmulVariant[] | null;
  tfjs: TfjsBackend[];
}

async function runBench(o: BenchOptions): Promise<{ adapter: string; userAgent: string; rows: MatmulTiming[] }> {
  const log = pageLog();
  const { device, report, cache } = await openBenchDevice(log);
  const rows: MatmulTiming[] = [];
  for (const p of BENCH_PRESETS.filter((q) => o.presets.includes(q.id))) {
    for (const s of matmulShapes(p)) {
      rows.push(...(await benchOurs(device, cache, s, o.variants ?? MATMUL_VARIANTS, log)));
      for (const backend of o.tfjs) rows.push(await benchTfjs(s, backend, log));
    }
  }
  device.destroy();
  return { adapter: report.name, userAgent: navigator.userAgent, rows };
}

(window as unknown as { runBench: typeof runBench }).runBench = runBench;
