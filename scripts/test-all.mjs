// `npm test`: every check, in order, stopping at the first failure:
//   types (tsc) -> lint -> unit tests (vitest, Node) -> GPU tests (vitest, real WGSL on Dawn)
//   -> production build -> end-to-end tests (Playwright, Chromium with WebGPU).
// First checks what the chosen steps need from the machine (scripts/preflight.mjs), so a missing
// system package fails in seconds with its fix. Ends with one line "tests: N passed, N failed"
// summed over the test runners.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { ALL_STEPS, preflight } from './preflight.mjs';

const only = process.argv.slice(2);
const report = '.cache/test-report';
mkdirSync(report, { recursive: true });
const totals = { passed: 0, failed: 0, skipped: 0 };

if (!preflight(only.length ? ALL_STEPS.filter((s) => only.includes(s)) : ALL_STEPS)) {
  console.log('tests: 0 passed, 1 failed');
  process.exit(1);
}

function run(name, cmd, args, env = {}) {
  if (only.length && !only.includes(name)) return;
  const t0 = Date.now();
  console.log(`\n=== ${name}: ${cmd} ${args.join(' ')}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const s = ((Date.now() - t0) / 1000).toFixed(0);
  if (r.status !== 0) {
    console.error(`\n=== ${name} FAILED after ${s}s (exit ${r.status ?? r.signal})`);
    countAll();
    console.log(`tests: ${totals.passed} passed, ${Math.max(1, totals.failed)} failed`);
    process.exit(1);
  }
  console.log(`=== ${name} ok (${s}s)`);
}

function countVitest(file) {
  if (!existsSync(file)) return;
  const j = JSON.parse(readFileSync(file, 'utf8'));
  totals.passed += j.numPassedTests ?? 0;
  totals.failed += j.numFailedTests ?? 0;
  totals.skipped += (j.numPendingTests ?? 0) + (j.numTodoTests ?? 0);
}

function countPlaywright(file) {
  if (!existsSync(file)) return;
  const s = JSON.parse(readFileSync(file, 'utf8')).stats ?? {};
  totals.passed += (s.expected ?? 0) + (s.flaky ?? 0);
  totals.failed += s.unexpected ?? 0;
  totals.skipped += s.skipped ?? 0;
}

function countAll() {
  countVitest(`${report}/unit.json`);
  countVitest(`${report}/gpu.json`);
  countPlaywright(`${report}/e2e.json`);
}

const npx = 'npx';
run('types', npx, ['tsc', '--noEmit', '-p', 'tsconfig.json']);
run('lint', npx, ['eslint', '.']);
run('unit', npx, ['vitest', 'run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${report}/unit.json`]);
run('gpu', npx, ['vitest', 'run', '--project', 'gpu', '--reporter=default', '--reporter=json', `--outputFile.json=${report}/gpu.json`]);
run('build', npx, ['vite', 'build', '--logLevel', 'warn']);
run('e2e', npx, ['playwright', 'test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: `${report}/e2e.json` });
countAll();
console.log(`\ntests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
