// `node scripts/gpu-check/pack.mjs [out.tar.xz]`: packs what a bare Linux x86-64 machine with a GPU
// (Vulkan driver installed, no Node) needs to run the GPU check (scripts/gpu-check/check.ts: every
// matmul variant against its reference, matmul GFLOP/s, small and medium training steps): this
// Node binary, Dawn's `dawn.node` from the `webgpu` package, and the check and the command-line
// trainer, each bundled into one file with its WGSL inlined. Writes .bench/gpu-check.tar.xz
// (git-ignored) by default and fails if it is 64 MiB or more. On the GPU machine:
//   tar xJf gpu-check.tar.xz && gpu-check/run.sh
// Changes nothing outside its output.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const out = process.argv[2] ?? `${repo}.bench/gpu-check.tar.xz`;
const stage = `${repo}.bench/gpu-check-stage/`;
const dir = `${stage}gpu-check/`;
rmSync(stage, { recursive: true, force: true });
mkdirSync(`${dir}node_modules/webgpu/dist/linux-x64`, { recursive: true });

// `?raw` imports (the WGSL files) become string constants, as Vite and scripts/raw-loader.mjs make them.
const rawPlugin = {
  name: 'raw',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (a) => ({ path: `${dirname(a.importer)}/${a.path.slice(0, -4)}`, namespace: 'raw' }));
    b.onLoad({ filter: /.*/, namespace: 'raw' }, (a) => ({ contents: readFileSync(a.path, 'utf8'), loader: 'text' }));
  },
};
// The check, and the command-line trainer (src/cli/main.ts) so that such a machine can also make
// checkpoints: run from the repository's root, `gpu-check/lab.sh pretrain ...` as `npm run lab`.
for (const [entry, name] of [['scripts/gpu-check/check.ts', 'check.mjs'], ['src/cli/main.ts', 'lab.mjs']]) {
  await build({
    entryPoints: [`${repo}${entry}`],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: `${dir}${name}`,
    external: ['webgpu'],
    plugins: [rawPlugin],
    logLevel: 'warning',
  });
}
// The `webgpu` package as Node would find it: its loader and the Linux x86-64 Dawn binary only.
const wg = `${repo}node_modules/webgpu/`;
for (const f of ['index.js', 'package.json']) copyFileSync(`${wg}${f}`, `${dir}node_modules/webgpu/${f}`);
copyFileSync(`${wg}dist/linux-x64/dawn.node`, `${dir}node_modules/webgpu/dist/linux-x64/dawn.node`);
copyFileSync(process.execPath, `${dir}node`);
writeFileSync(
  `${dir}run.sh`,
  `#!/bin/sh
# Runs the GPU check on this machine's GPU through Vulkan; the last line of output is JSON.
cd "$(dirname "$0")" && exec ./node check.mjs "$@"
`,
);
writeFileSync(
  `${dir}lab.sh`,
  `#!/bin/sh
# The command-line trainer on this machine's GPU (run it from the lab's repository root).
exec "$(dirname "$0")/node" "$(dirname "$0")/lab.mjs" "$@"
`,
);
for (const f of ['run.sh', 'lab.sh']) chmodSync(`${dir}${f}`, 0o755);
execFileSync('tar', ['-C', stage, '-cJf', out, 'gpu-check']);
rmSync(stage, { recursive: true, force: true });
const mib = statSync(out).size / 2 ** 20;
console.log(`wrote ${out}: ${mib.toFixed(1)} MiB (Node ${process.version}, dawn.node from webgpu ${JSON.parse(readFileSync(`${wg}package.json`, 'utf8')).version})`);
if (mib >= 64) {
  console.error('gpu-check: the pack is 64 MiB or more, over the limit of what the GPU machine accepts');
  process.exit(1);
}
