// `node bench/node-run.mjs file.ts args...`: runs a TypeScript benchmark script in Node with
// the GPU environment (scripts/gpu-env.mjs, through the preflight that says what to install), tsx
// and the `?raw` WGSL loader, passing its output through.
import { spawnSync } from 'node:child_process';
import { requireGpuEnv } from '../scripts/preflight.mjs';

const found = requireGpuEnv('bench');
const r = spawnSync(process.execPath, ['--import', 'tsx', '--import', './scripts/register-raw.mjs', ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, ...found.env } });
process.exit(r.status ?? 1);
