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
//          --baseline=REF (or --baseline REF) also runs commit REF's benchmark code (a git worktree under
//                         .bench/), preset by preset alternating with this tree's, in the same browser
//                         and the same Node environment; its rows are `ours@SHA` and a table compares them
//          --skip-node  --skip-browser  --report-only (re-print and rewrite the tables from .bench/train.json)
import { loadavg } from 'node:os';
import { arg, baselineCheckout, flag, readSaved, runBenchPages, runNodeChild, writeBench } from './lib/harness.mjs';
import { formatTrainReport } from './lib/train-report.mjs';

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

const baseRef = arg('baseline') ?? (process.argv.includes('--baseline') ? process.argv[process.argv.indexOf('--baseline') + 1] : undefined);
const base = baseRef ? baselineCheckout(baseRef) : null;
if (base) options.baseline = base.sha;
// With a baseline, one preset at a time, this tree and the baseline alternating first, so load
// from other processes falls on both alike. The baseline runs no TF.js and no generation.
const jobs = base ? options.presets.map((p, i) => [p, i % 2 === 0]) : [[null, true]];
const baseOptions = (p) => ({ ...options, presets: [p], tfjs: [], genTokens: 0 });
/** Joins per-call results into one { adapter, train, gen }, baseline rows marked ours@SHA. */
const merge = (parts) => ({
  ...parts[0].r,
  train: parts.flatMap(({ r, isBase }) => r.train.map((row) => (isBase && row.impl === 'ours' ? { ...row, impl: `ours@${base.sha}` } : row))),
  gen: parts.flatMap(({ r }) => r.gen),
});

const saved = flag('report-only') ? readSaved('train') : null;
const results = saved ? saved.results : {};
if (!saved && !flag('skip-node')) {
  const parts = [];
  for (const [p, oursFirst] of jobs) {
    const ours = async () => parts.push({ r: await runNodeChild('bench/train-node.ts', { BENCH_OPTIONS: JSON.stringify(p ? { ...options, presets: [p] } : options) }), isBase: false });
    const baseline = async () => parts.push({ r: await runNodeChild(base.nodeScript, { BENCH_OPTIONS: JSON.stringify(baseOptions(p)) }, base.dir), isBase: true });
    for (const run of base ? (oursFirst ? [ours, baseline] : [baseline, ours]) : [ours]) await run();
  }
  results.node = merge(parts);
}
if (!saved && !flag('skip-browser')) {
  const sites = [{ port: 5182 }, ...(base ? [{ root: base.dir, port: 5183 }] : [])];
  const calls = jobs.flatMap(([p, oursFirst]) => {
    const ours = { site: 0, options: p ? { ...options, presets: [p] } : options };
    return base ? (oursFirst ? [ours, { site: 1, options: baseOptions(p) }] : [{ site: 1, options: baseOptions(p) }, ours]) : [ours];
  });
  const rs = await runBenchPages({ page: 'train.html', fn: 'runTrainBench', sites, calls });
  results.chromium = merge(rs.map((r, i) => ({ r, isBase: calls[i].site === 1 })));
}
const { text, markdown } = formatTrainReport(results);
console.log(`\n${text}`);
// The CPU may be shared: the 1-minute load average at the start and end says how busy it was.
const meta = saved ?? { date: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), load: [loadAtStart, loadavg()[0]], options };
const head = `# Training benchmark (${meta.date}, ${meta.seconds} s, load average ${meta.load?.map((x) => x.toFixed(1)).join(' -> ') ?? '?'}; presets ${meta.options.presets.join(', ')}; up to ${meta.options.steps} timed steps or ${meta.options.budgetS} s per configuration after one warm-up step)`;
writeBench('train', saved ? null : { ...meta, results }, `${head}\n\n${markdown}\n`);
console.log(`Wrote .bench/train.json and .bench/train.md (${meta.seconds} s).`);
process.exit(0);
