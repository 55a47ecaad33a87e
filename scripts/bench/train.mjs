// `npm run bench:train`: full training steps (forward, loss, backward, clipping, AdamW) of the
// lab's real model on each preset, with the kernels the lab picks for the adapter, in Node (Dawn)
// and in Chromium; in the same browser, right after ours on each preset, the same GPT written
// with TF.js on its webgpu and wasm backends. Also KV-cache generation tokens/s. Prints tables and
// writes .bench/train.json and .bench/train.md (git-ignored). Changes nothing else.
//
// Options: --presets=test,small,medium,large (default: all four)
//          --steps=N      most timed steps per configuration after one warm-up step (default 5)
//          --budget=S     stop adding steps once a configuration's timed steps pass S seconds (default 60);
//                         slow configurations get fewer steps (at least one), never smaller shapes
//          --gen=N        tokens to generate (default 64; at most blockSize - 1, 0 = skip)
//          --tfjs=webgpu,wasm
//          --skip-node  --skip-browser  --report-only (re-print and rewrite the tables from .bench/train.json)
import { loadavg } from 'node:os';
import { arg, flag, readSaved, runBenchPage, runNodeChild, writeBench } from './harness.mjs';
import { formatTrainReport } from './train-report.mjs';

const positive = (name, dflt) => {
  const v = Number(arg(name, String(dflt)));
  if (!(Number.isFinite(v) && v >= 0)) {
    console.error(`bench:train: --${name} must be a non-negative number, got "${arg(name)}"`);
    process.exit(2);
  }
  return v;
};
const PRESET_IDS = ['test', 'small', 'medium', 'large'];
const options = {
  presets: arg('presets', PRESET_IDS.join(',')).split(','),
  steps: Math.max(1, Math.floor(positive('steps', 5))),
  budgetS: positive('budget', 60),
  genTokens: Math.floor(positive('gen', 64)),
  tfjs: arg('tfjs', 'webgpu,wasm').split(',').filter(Boolean),
};
const unknown = options.presets.filter((p) => !PRESET_IDS.includes(p));
if (unknown.length) {
  console.error(`bench:train: unknown preset(s) ${unknown.join(', ')}; choose from ${PRESET_IDS.join(', ')}`);
  process.exit(2);
}
const badBackend = options.tfjs.filter((b) => b !== 'webgpu' && b !== 'wasm');
if (badBackend.length) {
  console.error(`bench:train: unknown TF.js backend(s) ${badBackend.join(', ')}; choose from webgpu, wasm`);
  process.exit(2);
}
const started = Date.now();
const loadAtStart = loadavg()[0];

const saved = flag('report-only') ? readSaved('train') : null;
const results = saved ? saved.results : {};
if (!saved && !flag('skip-node')) results.node = await runNodeChild('scripts/bench/train-node.ts', { BENCH_OPTIONS: JSON.stringify(options) });
if (!saved && !flag('skip-browser')) results.chromium = await runBenchPage({ page: 'train.html', port: 5182, fn: 'runTrainBench', options });
const { text, markdown } = formatTrainReport(results);
console.log(`\n${text}`);
// The CPU may be shared: the 1-minute load average at the start and end says how busy it was.
const meta = saved ?? { date: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), load: [loadAtStart, loadavg()[0]], options };
const head = `# Training benchmark (${meta.date}, ${meta.seconds} s, load average ${meta.load?.map((x) => x.toFixed(1)).join(' -> ') ?? '?'}; presets ${meta.options.presets.join(', ')}; up to ${meta.options.steps} timed steps or ${meta.options.budgetS} s per configuration after one warm-up step)`;
writeBench('train', saved ? null : { ...meta, results }, `${head}\n\n${markdown}\n`);
console.log(`Wrote .bench/train.json and .bench/train.md (${meta.seconds} s).`);
process.exit(0);
