// What the benchmarks (kernels.mjs, train.mjs) share: reading --name=value options, running the
// Node half in a child process started with the GPU environment, driving a bench page in Chromium
// (Vite serves bench/, Playwright drives it), and writing .bench/NAME.json and .bench/NAME.md.
// Measures nothing itself and changes nothing outside .bench/.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { requireGpuEnv, requireChromium } from '../../scripts/preflight.mjs';
import { BASE_FLAGS, WEBGPU_FLAGS } from '../../scripts/chromium.mjs';

export const repo = fileURLToPath(new URL('../..', import.meta.url));

/** The value of `--name=value` in argv, or `dflt`. */
export const arg = (name, dflt, argv = process.argv) => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? dflt;
/** True when `--name` is in argv. */
export const flag = (name, argv = process.argv) => argv.includes(`--${name}`);

/**
 * Runs `script` (a .ts file under the repository) in Node with tsx, the ?raw loader and the GPU
 * environment plus `env`; its stderr is shown as it comes, and the last stdout line is parsed as JSON.
 */
export function runNodeChild(script, env = {}, cwd = repo) {
  const found = requireGpuEnv('bench');
  console.log(`[node] adapter environment: ${found.label}`);
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', './scripts/register-raw.mjs', script], {
    cwd,
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
export async function runBenchPage({ page, port, fn, options }) {
  const [r] = await runBenchPages({ page, fn, sites: [{ root: repo, port }], calls: [{ site: 0, options }] });
  return r;
}

/**
 * One headless Chromium with WebGPU and a page per site (a checkout of the repository: `root`,
 * default this one, served from its bench/ with Vite on `port`); then `calls` in order, each `await window[fn](options)`
 * on its site's page. Returns the results in the order of `calls`. Used to run two commits' code
 * side by side in one browser (train.mjs --baseline).
 */
export async function runBenchPages({ page: path, fn, sites, calls }) {
  const { createServer } = await import('vite');
  const { chromium } = await import('@playwright/test');
  const servers = [];
  let browser;
  try {
    for (const { root = repo, port } of sites) {
      // No HMR and no file watching: others edit the shared tree during long runs, and a reload
      // would destroy the page mid-measurement. A baseline checkout reads this tree's node_modules.
      const server = await createServer({ configFile: `${root}bench/vite.config.ts`, cacheDir: `${repo}.bench/vite-${port}`, server: { port, strictPort: true, hmr: false, watch: null, fs: { allow: [repo] } } });
      servers.push(server);
      await server.listen();
    }
    const executablePath = requireChromium('bench');
    browser = await chromium.launch({ executablePath, headless: true, args: [...BASE_FLAGS, ...WEBGPU_FLAGS] });
    const pages = [];
    for (const { port } of sites) {
      const page = await browser.newPage();
      page.on('console', (m) => {
        if (m.text().startsWith('[chromium]')) console.log(m.text());
        else if (m.type() === 'error') console.error(`[chromium console] ${m.text()}`);
      });
      page.on('pageerror', (e) => console.error(`[chromium page error] ${e.message}`));
      await page.goto(`http://localhost:${port}/${path}`);
      await page.waitForFunction((name) => name in window, fn, { timeout: 120_000 });
      pages.push(page);
    }
    const results = [];
    for (const { site, options } of calls) results.push(await pages[site].evaluate(([name, o]) => window[name](o), [fn, options]));
    return results;
  } finally {
    await browser?.close();
    for (const s of servers) await s.close();
  }
}

/**
 * A checkout of `ref` for running another commit's benchmark code beside this tree's: a detached
 * git worktree under .bench/ (git-ignored), made once per commit and reused, reading this tree's
 * node_modules through a link. Returns { dir, sha, nodeScript } (dir ends with a slash; nodeScript:
 * the checkout's Node half of the training benchmark, which lived in scripts/bench/ before bench/).
 */
export function baselineCheckout(ref) {
  const git = (...a) => execFileSync('git', a, { cwd: repo, encoding: 'utf8' }).trim();
  const sha = git('rev-parse', '--short', `${ref}^{commit}`);
  const dir = `${repo}.bench/baseline-${sha}/`;
  if (!existsSync(dir)) {
    mkdirSync(`${repo}.bench`, { recursive: true });
    git('worktree', 'add', '--detach', dir, sha);
  }
  if (!existsSync(`${dir}node_modules`)) symlinkSync(`${repo}node_modules`, `${dir}node_modules`, 'dir');
  const nodeScript = ['bench/train-node.ts', 'scripts/bench/train-node.ts'].find((f) => existsSync(`${dir}${f}`));
  if (!nodeScript) throw new Error(`bench: ${ref} has no training benchmark (bench/train-node.ts or scripts/bench/train-node.ts)`);
  return { dir, sha, nodeScript };
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
