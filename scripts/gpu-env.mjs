// Finds a WebGPU adapter for Node (Dawn) and the environment that reaches it: a real GPU first,
// then SwiftShader's Vulkan driver shipped with Debian's chromium package. Used by the test
// runner, the benchmarks and `npm run lab`, which start Node processes with this environment.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const SWIFTSHADER_ICD = ['/usr/lib/chromium/vk_swiftshader_icd.json', '/usr/lib/chromium-browser/vk_swiftshader_icd.json'];

const PROBE = `
import('webgpu').then(async ({ create, globals }) => {
  Object.assign(globalThis, globals);
  globalThis.__gpu = create([]);
  const a = await globalThis.__gpu.requestAdapter({ powerPreference: 'high-performance' });
  const i = a && a.info;
  process.stdout.write(JSON.stringify(a ? { vendor: i.vendor, architecture: i.architecture, description: i.description, device: i.device } : null));
  process.exit(0);
}).catch((e) => { process.stdout.write(JSON.stringify({ error: String(e) })); process.exit(0); });`;

function probe(env) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', PROBE], { env, encoding: 'utf8', timeout: 60_000 });
  try {
    const last = r.stdout.trim().split('\n').pop() || 'null';
    return JSON.parse(last);
  } catch {
    return null;
  }
}

function isSoftware(a) {
  return /swiftshader|llvmpipe|lavapipe/i.test(`${a.vendor} ${a.architecture} ${a.description} ${a.device}`);
}

/**
 * Returns `{ env, adapter, label }` where env holds the variables to add, or `{ error }` saying
 * why no adapter could be found and how to get one.
 */
export function findGpuEnv(baseEnv = process.env) {
  if (baseEnv.LAB_GPU_ENV_RESOLVED === '1') {
    return { env: {}, adapter: null, label: baseEnv.LAB_GPU_LABEL || 'already resolved' };
  }
  const direct = probe(baseEnv);
  if (direct && !direct.error && !isSoftware(direct)) {
    return { env: { LAB_GPU_ENV_RESOLVED: '1', LAB_GPU_LABEL: describe(direct) }, adapter: direct, label: describe(direct) };
  }
  const icd = SWIFTSHADER_ICD.find((p) => existsSync(p));
  if (icd) {
    const dir = icd.slice(0, icd.lastIndexOf('/'));
    const env = {
      VK_ICD_FILENAMES: icd,
      LD_LIBRARY_PATH: [dir, baseEnv.LD_LIBRARY_PATH].filter(Boolean).join(':'),
    };
    const soft = probe({ ...baseEnv, ...env });
    if (soft && !soft.error) {
      const label = describe(soft);
      return { env: { ...env, LAB_GPU_ENV_RESOLVED: '1', LAB_GPU_LABEL: label }, adapter: soft, label };
    }
  }
  if (direct && !direct.error) {
    return { env: { LAB_GPU_ENV_RESOLVED: '1', LAB_GPU_LABEL: describe(direct) }, adapter: direct, label: describe(direct) };
  }
  return {
    error:
      'No WebGPU adapter for Node: Dawn found no GPU, and SwiftShader (the CPU Vulkan driver in Debian\'s ' +
      '"chromium" package, /usr/lib/chromium/vk_swiftshader_icd.json) is not installed. ' +
      'Install it with "apt-get install chromium" (the test command does this itself when run as root on Debian/Ubuntu).',
  };
}

function describe(a) {
  return [a.vendor, a.architecture].filter(Boolean).join(' ') + (a.description ? ` (${a.description})` : '');
}
