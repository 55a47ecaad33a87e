// What the benchmarks (kernels.mjs, train.mjs) share: reading --name=value options, running the
// Node half in a child process started with the GPU environment, driving a bench page in Chromium
// (Vite serves bench/, Playwright drives it), and writing .bench/NAME.json and .bench/NAME.md.
// Measures nothing itself and changes nothing outside .bench/.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { requireGpuEnv, requireChromium } from '../preflight.mjs';
import { BASE_FLAGS, WEBGPU_FLAGS } from '../chromium.mjs';

export const repo = fileURLToPath(new URL('../..', import.meta.url));

/** The value of `--name=value` in argv, or `dflt`. */
export const arg = (name, dflt, argv = process.argv) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
/** True when `--name` is in argv. */
export const flag = (name, argv = process.argv) => argv.includes(`--${name}`);

/**
 * Runs `script` (a .ts file under the repository) in Node with tsx, the ?raw loader and the GPU
 * environment plus `env`; its stderr is shown as it comes, and the last stdout line is parsed as JSON.
 */
export function runNodeChild(script, env = {}) {
  const found = requireGpuEnv('bench');
  console.log(`[node] adapter environment: ${found.label}`);
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/register-raw.mjs', script], {
    cwd: repo,
    env: { ...process.env, ...found.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  return new Promise((resolve, reject) => {
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`Node benchmark ${script} exited with code ${code}`));
      resolve(JSON.parse(out.trim().split('\n').pop()));
    });
  });
}

/**
 * Serves bench/ with Vite on `port`, opens `page` in headless Chromium with WebGPU, waits for
 * `window[fn]` and returns `await window[fn](options)`. Page lines starting with "[chromium]" are
 * echoed, as are console errors and page errors.
 */
export async function runBenchPage({ page: path, port, fn, options }) {
  const { createServer } = await import('vite');
  const { chromium } = await import('@playwright/test');
  // No HMR and no file watching: others edit the shared tree during long runs, and a reload
  // would destroy the page mid-measurement.
  const server = await createServer({ configFile: `${repo}bench/vite.config.ts`, server: { port, strictPort: true, hmr: false, watch: null } });
  await server.listen();
  const executablePath = requireChromium('bench');
  const browser = await chromium.launch({ executablePath, headless: true, args: [...BASE_FLAGS, ...WEBGPU_FLAGS] });
  try {
    const page = await browser.newPage();
    page.on('console', (m) => {
      if (m.text().startsWith('[chromium]')) console.log(m.text());
      else if (m.type() === 'error') console.error(`[chromium console] ${m.text()}`);
    });
    page.on('pageerror', (e) => console.error(`[chromium page error] ${e.message}`));
    await page.goto(`http://localhost:${port}/${path}`);
    await page.waitForFunction((name) => name in window, fn, { timeout: 120_000 });
    return await page.evaluate(([name, o]) => window[name](o), [fn, options]);
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The saved run `.bench/NAME.json`, for --report-only. */
export function readSaved(name) {
  return JSON.parse(readFileSync(`${repo}.bench/${name}.json`, 'utf8'));
}

/** Writes `.bench/NAME.json` (unless `json` is null: a re-formatted saved run) and `.bench/NAME.md`. */
export function writeBench(name, json, markdown) {
  mkdirSync(`${repo}.bench`, { recursive: true });
  if (json) writeFileSync(`${repo}.bench/${name}.json`, `${JSON.stringify(json, null, 2)}\n`);
  writeFileSync(`${repo}.bench/${name}.md`, markdown);
}
