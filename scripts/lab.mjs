// `npm run lab -- <command>`: the command-line trainer. Finds a WebGPU adapter for Node (a real
// GPU first, else SwiftShader) and runs src/cli/main.ts with TypeScript and `?raw` WGSL imports.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { requireGpuEnv } from './preflight.mjs';

const wantsHelp = process.argv.length <= 2 || process.argv.includes('--help') || process.argv.includes('-h');
let env = {};
if (!wantsHelp) {
  env = requireGpuEnv('lab').env;
}
const root = fileURLToPath(new URL('..', import.meta.url));
const r = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--import', './scripts/register-raw.mjs', 'src/cli/main.ts', ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } },
);
process.exit(r.status ?? 1);
