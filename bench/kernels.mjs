// `npm run bench:kernels`: times the lab's matmul variants, forward and backward, on the model's
// real shapes (bench/lib/shapes.ts), in Node (Dawn) and in Chromium, and TF.js (webgpu and
// wasm backends) on the same shapes in the same browser. Prints tables and writes them to
// .bench/kernels.json and .bench/kernels.md (git-ignored). Changes nothing else.
//
// Options: --presets=test,small,medium (also: large)  --variants=naive,blocked,blocked_vec4,tiled (default: all)
//          --tfjs=webgpu,wasm
//          --skip-node  --skip-browser  --report-only (re-print and rewrite the tables from .bench/kernels.json)
import { arg, flag, readSaved, runBenchPage, runNodeChild, writeBench } from './lib/harness.mjs';
import { compactMarkdown, formatReport } from './lib/report.mjs';

const options = {
  presets: arg('presets', 'test,small,medium').split(','),
  variants: process.argv.some((a) => a.startsWith('--variants=')) ? arg('variants').split(',') : null, // null: every variant of matmul.ts
  tfjs: arg('tfjs', 'webgpu,wasm').split(',').filter(Boolean),
};
const started = Date.now();

/** Our variants on Dawn, in a child process started with the GPU environment. */
const runNode = () =>
  runNodeChild('bench/node-matmul.ts', { BENCH_PRESETS: options.presets.join(','), ...(options.variants ? { BENCH_VARIANTS: options.variants.join(',') } : {}) });

/** Our variants and TF.js in Chromium, on the bench page served by Vite. */
const runBrowser = () => runBenchPage({ page: '', port: 5181, fn: 'runBench', options });

const saved = flag('report-only') ? readSaved('kernels') : null;
const results = saved ? saved.results : {};
if (!flag('report-only') && !flag('skip-node')) results.node = await runNode();
if (!flag('report-only') && !flag('skip-browser')) results.chromium = await runBrowser();
const { text, markdown } = formatReport(results);
console.log(`\n${text}`);
const meta = saved ?? { date: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), options };
writeBench('kernels', saved ? null : { ...meta, results }, `# Kernel benchmark (${meta.date})\n\n${compactMarkdown(results)}\n${markdown}\n`);
console.log(`Wrote .bench/kernels.json and .bench/kernels.md (${meta.seconds} s).`);
process.exit(0);
