// Formats the kernel benchmark's results (kernels.mjs) as tables: one per runtime with every
// implementation's time and GFLOP/s per shape, then a summary of our best variant against TF.js
// on WebGPU and the bar (ours at least 5x faster on every shape). Pure: no I/O.

const BAR = 5;
/** x with d decimals, or "-" when it is not a finite number. */
export const f = (x, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : '-');
const shapeId = (r) => `${r.preset} ${r.shape} (${r.BT}x${r.C}->${r.OC})`;

/** A table as markdown and as aligned plain text: { md, text }. */
export function table(head, rows) {
  const md = [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (r) => r.map((c, i) => String(c).padEnd(w[i])).join('  ');
  return { md, text: [line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map(line)].join('\n') };
}

function groupByShape(rows) {
  const m = new Map();
  for (const r of rows) {
    const k = shapeId(r);
    if (!m.has(k)) m.set(k, []);
    m.get(k).push(r);
  }
  return m;
}

/** One compact markdown table per runtime: a row per shape, a column per implementation, cells "fwd / bwd" GFLOP/s. */
export function compactMarkdown(results) {
  const out = [];
  for (const [runtime, res] of Object.entries(results)) {
    const impls = [...new Set(res.rows.map((r) => r.impl))];
    const rows = [...groupByShape(res.rows)].map(([id, rs]) => [
      id,
      ...impls.map((i) => {
        const r = rs.find((x) => x.impl === i);
        return r ? `${f(r.fwdGflops)} / ${f(r.bwdGflops)}` : '-';
      }),
    ]);
    const title = `${runtime === 'node' ? 'Node (Dawn)' : 'Chromium'} on ${res.adapter}: GFLOP/s, forward / backward`;
    out.push(`#### ${title}\n\n${table(['shape', ...impls], rows).md}\n`);
  }
  return out.join('\n');
}

/** Returns { text, markdown } for `{ node?: {adapter, rows}, chromium?: {adapter, userAgent, rows} }`. */
export function formatReport(results) {
  const text = [];
  const md = [];
  const verdicts = [];
  for (const [runtime, res] of Object.entries(results)) {
    const title = `${runtime === 'node' ? 'Node (Dawn)' : 'Chromium'} on ${res.adapter}`;
    const t = table(
      ['shape', 'impl', 'fwd ms', 'fwd GFLOP/s', 'bwd ms', 'bwd GFLOP/s', 'reps'],
      res.rows.map((r) => [shapeId(r), r.impl, f(r.fwdMs), f(r.fwdGflops), f(r.bwdMs), f(r.bwdGflops), r.reps]),
    );
    text.push(`## ${title}\n${t.text}\n`);
    md.push(`### ${title}\n\n${t.md}\n`);
    const tf = res.rows.some((r) => r.impl === 'tfjs-webgpu');
    if (!tf) continue;
    const summary = [];
    for (const [id, rs] of groupByShape(res.rows)) {
      const ours = rs.filter((r) => !r.impl.startsWith('tfjs'));
      const best = ours.reduce((a, b) => (b.fwdMs + b.bwdMs < a.fwdMs + a.bwdMs ? b : a));
      const gpu = rs.find((r) => r.impl === 'tfjs-webgpu');
      const wasm = rs.find((r) => r.impl === 'tfjs-wasm');
      const ratio = (gpu.fwdMs + gpu.bwdMs) / (best.fwdMs + best.bwdMs);
      verdicts.push(ratio >= BAR);
      summary.push([
        id,
        best.impl,
        f(gpu.fwdMs / best.fwdMs, 1),
        f(gpu.bwdMs / best.bwdMs, 1),
        f(ratio, 1),
        wasm ? f((wasm.fwdMs + wasm.bwdMs) / (best.fwdMs + best.bwdMs), 2) : '-',
        ratio >= BAR ? 'yes' : 'NO',
      ]);
    }
    const s = table(['shape', 'our best', 'fwd x TF.js-webgpu', 'bwd x TF.js-webgpu', 'fwd+bwd x TF.js-webgpu', 'fwd+bwd x TF.js-wasm', `>= ${BAR}x`], summary);
    text.push(`## ${title}: our best vs TF.js (how many times faster)\n${s.text}\n`);
    md.push(`### ${title}: our best vs TF.js (how many times faster)\n\n${s.md}\n`);
  }
  if (verdicts.length) {
    const line = `Bar (our best >= ${BAR}x TF.js-webgpu on every shape, fwd+bwd): ${verdicts.every(Boolean) ? 'met' : `NOT met on ${verdicts.filter((v) => !v).length} of ${verdicts.length} shapes`}`;
    text.push(line);
    md.push(`${line}\n`);
  }
  return { text: text.join('\n'), markdown: md.join('\n') };
}
