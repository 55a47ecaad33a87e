// Formats the training benchmark's results (train.mjs) as tables: per runtime, every
// implementation's ms per step and tokens/s per preset (with how many steps each figure
// averages); ours against TF.js (webgpu, wasm) as ratios of tokens/s; KV-cache generation
// tokens/s per preset and runtime; this tree against a baseline commit when one ran; and the bar (ours >= 5x TF.js-webgpu on `small`). Pure: no I/O.
import { f, table } from './report.mjs';

export const BAR = 5;
export const BAR_PRESET = 'small';
const runtimeName = (runtime) => (runtime === 'node' ? 'Node (Dawn)' : 'Chromium');

/** tokens/s of `impl` on `preset` in `rows`, or NaN when it was not measured. */
const rate = (rows, preset, impl) => rows.find((r) => r.preset === preset && r.impl === impl)?.tokensPerSec ?? NaN;

/**
 * Ours / TF.js in tokens/s for each preset with an 'ours' row: { preset, ours, webgpu, wasm,
 * xWebgpu, xWasm } (NaN where a side is missing).
 */
export function ratios(rows) {
  return rows
    .filter((r) => r.impl === 'ours')
    .map(({ preset, tokensPerSec: ours }) => {
      const webgpu = rate(rows, preset, 'tfjs-webgpu');
      const wasm = rate(rows, preset, 'tfjs-wasm');
      return { preset, ours, webgpu, wasm, xWebgpu: ours / webgpu, xWasm: ours / wasm };
    });
}

/**
 * This tree against a baseline commit (rows `ours@SHA` from train.mjs --baseline), in tokens/s:
 * { preset, base, ours, baseRate, speedup } for each preset measured on both sides.
 */
export function baselineRatios(rows) {
  return rows
    .filter((r) => r.impl.startsWith('ours@'))
    .map(({ preset, impl, tokensPerSec: baseRate }) => {
      const ours = rate(rows, preset, 'ours');
      return { preset, base: impl.slice('ours@'.length), ours, baseRate, speedup: ours / baseRate };
    })
    .filter((r) => Number.isFinite(r.ours));
}

/** The bar's verdict from one runtime's rows: 'met', 'NOT met' or null when small or TF.js-webgpu was not measured. */
export function barVerdict(rows) {
  const r = ratios(rows).find((x) => x.preset === BAR_PRESET);
  if (!r || !Number.isFinite(r.xWebgpu)) return null;
  return { met: r.xWebgpu >= BAR, ratio: r.xWebgpu };
}

/** Returns { text, markdown } for `{ node?: {adapter, train, gen}, chromium?: {adapter, userAgent, train, gen} }`. */
export function formatTrainReport(results) {
  const text = [];
  const md = [];
  const add = (title, t) => {
    text.push(`## ${title}\n${t.text}\n`);
    md.push(`### ${title}\n\n${t.md}\n`);
  };
  for (const [runtime, res] of Object.entries(results)) {
    const title = `${runtimeName(runtime)} on ${res.adapter}`;
    add(
      `${title}: training steps`,
      table(
        ['preset', 'impl', 'B x T', 'params', 'ms/step', 'tokens/s', 'steps averaged', 'warm-up s', 'loss'],
        res.train.map((r) => [r.preset, r.impl === 'ours' ? `ours (${r.detail})` : r.impl, `${r.B} x ${r.T}`, r.params.toLocaleString('en-US'), f(r.msPerStep, 0), f(r.tokensPerSec, 1), r.steps, f(r.warmupMs / 1000, 1), f(r.loss, 3)]),
      ),
    );
    const vsBase = baselineRatios(res.train);
    if (vsBase.length) {
      add(
        `${title}: this tree vs ${vsBase[0].base} (measured side by side, alternating)`,
        table(['preset', `${vsBase[0].base} tok/s`, 'this tree tok/s', 'speed-up'], vsBase.map((r) => [r.preset, f(r.baseRate, 1), f(r.ours, 1), `${f(r.speedup, 2)}x`])),
      );
    }
    if (!res.train.some((r) => r.impl.startsWith('tfjs'))) continue;
    add(
      `${title}: ours vs TF.js (tokens/s ratio, how many times faster)`,
      table(
        ['preset', 'ours tok/s', 'TF.js-webgpu tok/s', 'TF.js-wasm tok/s', 'ours / TF.js-webgpu', 'ours / TF.js-wasm'],
        ratios(res.train).map((r) => [r.preset, f(r.ours, 1), f(r.webgpu, 1), f(r.wasm, 1), f(r.xWebgpu, 2), f(r.xWasm, 2)]),
      ),
    );
    const v = barVerdict(res.train);
    const line = v
      ? `Bar (ours >= ${BAR}x TF.js-webgpu tokens/s on ${BAR_PRESET}, ${runtimeName(runtime)}): ${v.met ? 'met' : 'NOT met'} (${f(v.ratio, 2)}x)`
      : `Bar (ours >= ${BAR}x TF.js-webgpu tokens/s on ${BAR_PRESET}): not measured in this run (needs --presets with ${BAR_PRESET} and --tfjs with webgpu)`;
    text.push(`${line}\n`);
    md.push(`${line}\n`);
  }
  const runtimes = Object.keys(results).filter((k) => results[k].gen?.length);
  const presets = [...new Set(runtimes.flatMap((k) => results[k].gen.map((g) => g.preset)))];
  if (presets.length) {
    const cell = (k, p) => {
      const g = results[k].gen.find((x) => x.preset === p);
      return g ? `${f(g.tokensPerSec, 1)} (${g.tokens} tokens)` : '-';
    };
    add('Generation with the KV cache (greedy, from end-of-text): tokens/s', table(['preset', ...runtimes.map(runtimeName)], presets.map((p) => [p, ...runtimes.map((k) => cell(k, p))])));
  }
  return { text: text.join('\n'), markdown: md.join('\n') };
}
