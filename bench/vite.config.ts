// The kernel benchmark's page (not part of the app build): `npm run bench:kernels` serves this
// folder on port 5181 and drives it in Chromium. The page imports the lab's kernels from ../src,
// so the file system is opened to the repository; TF.js's wasm files are served from the root.
// Cross-origin isolation lets TF.js's wasm backend use threads, so it is measured at its best.
import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  publicDir: `${repo}node_modules/@tensorflow/tfjs-backend-wasm/dist`,
  logLevel: 'warn',
  clearScreen: false,
  server: {
    port: 5181,
    strictPort: true,
    fs: { allow: [repo] },
    headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
  },
  optimizeDeps: { include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-webgpu', '@tensorflow/tfjs-backend-wasm'] },
});
