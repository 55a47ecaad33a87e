// Where the tests' Chromium is, and the flags that give it WebGPU without a GPU.
// Order: $CHROMIUM_PATH, then Debian's /usr/bin/chromium (and other system names), else null
// (Playwright's own download, if one is installed, is then used).
import { existsSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

export function findChromium(env = process.env) {
  if (env.CHROMIUM_PATH) {
    if (!existsSync(env.CHROMIUM_PATH)) throw new Error(`CHROMIUM_PATH is set to ${env.CHROMIUM_PATH}, but no file is there.`);
    return env.CHROMIUM_PATH;
  }
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

/** Flags for headless runs: WebGPU on (SwiftShader when there is no GPU), no background traffic. */
export const BASE_FLAGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-dev-shm-usage',
];
export const WEBGPU_FLAGS = ['--enable-unsafe-webgpu', '--enable-features=Vulkan'];
