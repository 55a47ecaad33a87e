// `npm run bench:kernels`: times the lab's matmul variants, forward and backward, on the model's
// real shapes (scripts/bench/shapes.ts), in Node (Dawn) and in Chromium, and TF.js (webgpu and
// wasm backends) on the same shapes in the same browser. Prints tables and writes them to
// .bench/kernels.json and .bench/kernels.md (git-ignored). Changes nothing else.
//
// Options: --presets=test,small,medium (also: large)  --variants=naive,blocked,blocked_vec4,tiled (default: all)
//          --tfjs=webgpu,wasm
//          --skip-node  --skip-browser  --report-only (re-print and rewrite the tables from .bench/kernels.json)
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { findGpuEnv } from '../gpu-env.mjs';
import { BASE_FLAGS, WEBGPU_FLAGS, findChromium } from '../chromium.mjs';
import { compactMarkdown, formatReport } from './report.mjs';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const arg = (name, dflt) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1] ?? dflt;
const flag = (name) => process.argv.includes(`--${name}`);
const options = {
  presets: arg('presets', 'test,small,medium').split(','),
  variants: process.argv.some((a) => a.startsWith('--variants=')) ? arg('variants').split(',') : null, // null: every variant of matmul.ts
  tfjs: arg('tfjs', 'webgpu,wasm').split(',').filter(Boolean),
};
const started = Date.now();

/** Our variants on Dawn, in a child process started with the GPU environment. */
function runNode() {
  const found = findGpuEnv();
  if ('error' in found) throw new Error(found.error);
  console.log(`[node] adapter environment: ${found.label}`);
  const env = { ...process.env, ...found.env, BENCH_PRESETS: options.presets.join(','), ...(options.variants ? { BENCH_VARIANTS: options.variants.join(',') } : {}) };
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/register-raw.mjs', 'scripts/bench/node-matmul.ts'], {
    cwd: repo,
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`Node benchmark exited with code ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

/** Our variants and TF.js in Chromium, on the bench page served by Vite. */
async function runBrowser() {
  const { createServer } = await import('vite');
  const { chromium } = await import('@playwright/test');
  const server = await createServer({ configFile: `${repo}bench/vite.config.ts` });
  await server.listen();
  const executablePath = findChromium() ?? undefined;
  const browser = await chromium.launch({ executablePath, headless: true, args: [...BASE_FLAGS, ...WEBGPU_FLAGS] });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.text().startsWith('[chromium]')) console.log(m.text());
      else if (m.type() === 'error') console.error(`[chromium console] ${m.text()}`);
    });
    page.on('pageerror', (e) => console.error(`[chromium page error] ${e.message}`));
    await page.goto('http://localhost:5181/');
    await page.waitForFunction(() => 'runBench' in window, null, { timeout: 120_000 });
    return await page.evaluate((o) => window.runBench(o), options);
  } finally {
    await browser.close();
    await server.close();
  }
}

const saved = flag('report-only') ? JSON.parse(readFileSync(`${repo}.bench/kernels.json`, 'utf8')) : null;
const results = saved ? saved.results : {};
if (!flag('report-only') && !flag('skip-node')) results.node = await runNode();
if (!flag('report-only') && !flag('skip-browser')) results.chromium = await runBrowser();
const { text, markdown } = formatReport(results);
console.log(`\n${text}`);
mkdirSync(`${repo}.bench`, { recursive: true });
const meta = saved ?? { date: new Date().toISOString(), seconds: Math.round((Date.now() - started) / 1000), options };
if (!saved) writeFileSync(`${repo}.bench/kernels.json`, `${JSON.stringify({ ...meta, results }, null, 2)}\n`);
writeFileSync(`${repo}.bench/kernels.md`, `# Kernel benchmark (${meta.date})\n\n${compactMarkdown(results)}\n${markdown}\n`);
console.log(`Wrote .bench/kernels.json and .bench/kernels.md (${meta.seconds} s).`);
process.exit(0);
