// `npm run lab -- <command>`: the command-line trainer. Finds a WebGPU adapter for Node (a real
// GPU first, else SwiftShader) and runs src/cli/main.ts with TypeScript and `?raw` WGSL imports.
import { spawn } from 'node:child_process';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';
import { requireGpuEnv } from './preflight.mjs';

const wantsHelp = process.argv.length <= 2 || process.argv.includes('--help') || process.argv.includes('-h');
let env = {};
if (!wantsHelp) {
  env = requireGpuEnv('lab').env;
}
const root = fileURLToPath(new URL('..', import.meta.url));
const child = spawn(
  process.execPath,
  ['--import', 'tsx', '--import', './scripts/register-raw.mjs', 'src/cli/main.ts', ...process.argv.slice(2)],
  { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } },
);
// Ctrl-C reaches the trainer from the terminal itself (it is in the same process group), so this
// wrapper only keeps out of the way; a SIGTERM or SIGHUP sent to the wrapper alone (kill, a closed
// session) is passed on, so the trainer saves its checkpoint instead of running on orphaned.
process.on('SIGINT', () => {});
for (const sig of ['SIGTERM', 'SIGHUP']) process.on(sig, () => child.kill(sig));
child.on('exit', (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 1)));
