// What each step of `npm test` (and `npm run lab`, `npm run bench:*`) needs from the machine,
// checked before the first step that needs it, so a missing system package fails in seconds
// with the command that fixes it instead of once per test.
//
//   node scripts/preflight.mjs [step ...]   prints the list and exits 1 if something is missing
//
// Steps: types, lint, unit, build (need node_modules), gpu (a WebGPU adapter for Node: a real
// GPU or SwiftShader's Vulkan driver from Debian's `chromium` package), e2e (a Chromium).
// As root on Debian/Ubuntu, a missing `chromium` package is installed (apt-get) after one line
// saying why; anywhere else the check stops with the command to run. It installs nothing else.
import { execSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { findChromium } from './chromium.mjs';
import { findGpuEnv } from './gpu-env.mjs';

export const ALL_STEPS = ['types', 'lint', 'unit', 'gpu', 'build', 'e2e'];

const FIX_NODE_MODULES = 'npm ci';
const FIX_CHROMIUM = 'apt-get install chromium   (as root; or point CHROMIUM_PATH at a Chrome/Chromium 113+)';

/** Node modules: vitest, tsc, eslint, vite, playwright, and Dawn's binary for this platform. */
function checkNodeModules() {
  const missing = ['vitest', 'tsc', 'eslint', 'vite', 'playwright'].filter((b) => !existsSync(`node_modules/.bin/${b}`));
  if (missing.length) return `the npm packages are not installed (no ${missing.join(', ')} in node_modules/.bin)`;
  return null;
}

function checkDawn() {
  const dir = `node_modules/webgpu/dist/${process.platform}-${process.arch}`;
  const mac = 'node_modules/webgpu/dist/darwin-universal';
  if (existsSync(`${dir}/dawn.node`) || (process.platform === 'darwin' && existsSync(`${mac}/dawn.node`))) return null;
  return `the webgpu package has no Dawn binary for ${process.platform}-${process.arch} (looked in ${dir})`;
}

function playwrightHasOwnChromium() {
  const dir = process.env.PLAYWRIGHT_BROWSERS_PATH || `${process.env.HOME}/.cache/ms-playwright`;
  try {
    return readdirSync(dir).some((d) => d.startsWith('chromium'));
  } catch {
    return false;
  }
}

function isDebianLike() {
  try {
    return /ID(_LIKE)?=.*(debian|ubuntu)/i.test(readFileSync('/etc/os-release', 'utf8'));
  } catch {
    return false;
  }
}

const isRoot = () => typeof process.getuid === 'function' && process.getuid() === 0;

/** One requirement: what needs it, whether it is there, how to get it. */
export function requirements(steps) {
  const want = new Set(steps);
  const reqs = [];
  if (steps.length) {
    const problem = checkNodeModules();
    reqs.push({ what: 'npm packages', for: steps.join(', '), problem, fix: FIX_NODE_MODULES });
  }
  if (want.has('gpu')) {
    // Without Dawn's binary the fix is npm; with it, a missing adapter is the chromium package.
    const dawn = checkDawn();
    const found = dawn ? { error: dawn } : findGpuEnv();
    const problem = 'error' in found ? found.error : null;
    reqs.push({ what: 'a WebGPU adapter for Node', for: 'gpu', problem, fix: dawn ? FIX_NODE_MODULES : FIX_CHROMIUM, apt: !!problem && !dawn, label: found.label ?? '' });
  }
  if (want.has('e2e')) {
    let problem = null;
    let label = '';
    try {
      label = findChromium() ?? (playwrightHasOwnChromium() ? "Playwright's own Chromium" : '');
      if (!label) problem = 'no Chromium found ($CHROMIUM_PATH, /usr/bin/chromium, or a Playwright-installed one)';
    } catch (e) {
      problem = e.message;
    }
    reqs.push({ what: 'a Chromium with WebGPU', for: 'e2e', problem, fix: FIX_CHROMIUM, apt: !!problem && !process.env.CHROMIUM_PATH, label });
  }
  return reqs;
}

function print(reqs) {
  for (const r of reqs) {
    const state = r.problem ? `MISSING: ${r.problem}` : `ok${r.label ? ` (${r.label})` : ''}`;
    console.log(`[preflight] ${r.what}, for ${r.for}: ${state}`);
  }
}

/**
 * Checks what `steps` need; installs Debian's chromium as root on Debian/Ubuntu when it is what
 * is missing. Returns true when everything is there, else prints the fixes and returns false.
 */
export function preflight(steps = ALL_STEPS) {
  let reqs = requirements(steps);
  print(reqs);
  if (reqs.some((r) => r.problem && r.apt) && !reqs.some((r) => r.problem && !r.apt) && isDebianLike() && isRoot()) {
    const needs = reqs.filter((r) => r.problem && r.apt).map((r) => r.for).join(' and ');
    console.log(
      `[preflight] Installing Debian's "chromium" package (apt-get, about a minute): the ${needs} tests need ` +
        'its SwiftShader driver, which runs WebGPU on the CPU, and its browser.',
    );
    mkdirSync('.cache', { recursive: true });
    const log = '.cache/apt-chromium.log';
    try {
      execSync(`(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium) >${log} 2>&1`, { stdio: 'inherit' });
      console.log(`[preflight] Installed (apt's output: ${log}).`);
    } catch {
      console.error(`[preflight] apt-get failed; the last lines of ${log}:\n${readFileSync(log, 'utf8').split('\n').slice(-15).join('\n')}`);
    }
    reqs = requirements(steps);
    print(reqs);
  }
  const missing = reqs.filter((r) => r.problem);
  if (!missing.length) return true;
  console.error('\n[preflight] Cannot run these steps on this machine yet. To fix:');
  for (const fix of new Set(missing.map((r) => r.fix))) console.error(`  ${fix}`);
  return false;
}

/** For `npm run lab` and the benchmarks: the GPU environment, or a clear message and exit 1. */
export function requireGpuEnv(tool) {
  const dawn = checkDawn();
  const found = dawn ? { error: `${dawn}. Run: ${FIX_NODE_MODULES}` } : findGpuEnv();
  if ('error' in found) {
    console.error(`${tool}: ${found.error}`);
    if (!dawn) console.error(`${tool}: to install it: ${FIX_CHROMIUM}`);
    process.exit(1);
  }
  return found;
}

/** For the benchmarks' browser half: the Chromium to launch (undefined: Playwright's own), or exit 1. */
export function requireChromium(tool) {
  const found = findChromium();
  if (found) return found;
  if (playwrightHasOwnChromium()) return undefined;
  console.error(`${tool}: no Chromium found ($CHROMIUM_PATH, /usr/bin/chromium, or a Playwright-installed one). To install one: ${FIX_CHROMIUM}`);
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const steps = process.argv.slice(2);
  process.exit(preflight(steps.length ? steps : ALL_STEPS) ? 0 : 1);
}
