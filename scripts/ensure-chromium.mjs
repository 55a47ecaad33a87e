// Makes sure a Chromium for the e2e tests exists. If none is found and this is a Debian or
// Ubuntu machine where we are root, installs Debian's "chromium" package; otherwise stops with
// a message saying how to get one.
import { execSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

function playwrightHasOwn() {
  try {
    const dir = process.env.PLAYWRIGHT_BROWSERS_PATH || `${process.env.HOME}/.cache/ms-playwright`;
    return existsSync(dir) && execSync(`ls ${JSON.stringify(dir)}`).toString().includes('chromium');
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

export function ensureChromium() {
  const found = findChromium();
  if (found) return found;
  if (playwrightHasOwn()) return null;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isDebianLike() && isRoot) {
    console.log('[e2e] No Chromium found: installing Debian\'s "chromium" package (apt-get)…');
    execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', { stdio: 'inherit' });
    const now = findChromium();
    if (now) return now;
  }
  console.error(
    '[e2e] No Chromium found for the end-to-end tests. Install one and run again:\n' +
      '  Debian/Ubuntu: sudo apt-get install chromium\n' +
      '  or point CHROMIUM_PATH at a Chrome/Chromium binary (version 113 or newer).',
  );
  process.exit(1);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const p = ensureChromium();
  console.log(`[e2e] Chromium: ${p ?? "Playwright's own"}`);
}
