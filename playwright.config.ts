// End-to-end tests: the built app served by `vite preview`, driven in a real Chromium.
// "webgpu" runs with WebGPU on (SwiftShader on a machine without a GPU); "no-webgpu" starts the
// same browser without the flag, where it offers no adapter, to check the explanation.
import { defineConfig } from '@playwright/test';
import { BASE_FLAGS, WEBGPU_FLAGS, findChromium } from './scripts/chromium.mjs';

const executablePath = findChromium() ?? undefined;
// LAB_E2E_PORT and LAB_DIST let several builds be tested side by side (default: dist/ on 4173).
const PORT = Number(process.env.LAB_E2E_PORT ?? 4173);
const DIST = process.env.LAB_DIST ?? 'dist';

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 60_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { baseURL: `http://localhost:${PORT}/`, trace: 'retain-on-failure' },
  webServer: {
    command: `npx vite preview --port ${PORT} --strictPort --outDir ${DIST}`,
    url: `http://localhost:${PORT}/`,
    // Never reuse a server by default: on a shared machine another worktree's preview may hold the port.
    reuseExistingServer: process.env.LAB_E2E_REUSE === '1',
    timeout: 60_000,
  },
  projects: [
    {
      name: 'webgpu',
      testIgnore: /no-webgpu\.spec\.ts/,
      use: { browserName: 'chromium', launchOptions: { executablePath, args: [...BASE_FLAGS, ...WEBGPU_FLAGS] } },
    },
    {
      name: 'no-webgpu',
      testMatch: /no-webgpu\.spec\.ts/,
      use: { browserName: 'chromium', launchOptions: { executablePath, args: BASE_FLAGS } },
    },
  ],
});
