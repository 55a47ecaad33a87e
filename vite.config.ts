// Vite builds the lab as a static site. WGSL is imported with `?raw`; the engine runs in a
// module worker; heavy pages (charts, editor) are split out by the router's lazy routes.
// vite-plugin-pwa (Workbox) builds a service worker that precaches the whole site, datasets and
// shipped checkpoints included, so a classroom can run offline after one visit; the classroom
// page registers it (src/components/classroom/offline.ts), and the dev server has none.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';

/** The largest file the worker precaches: the small checkpoints are 11.3 MB each. */
const LARGEST_FILE = 16 * 1024 * 1024;

export default defineConfig({
  base: './',
  plugins: [
    react(),
    VitePWA({
      injectRegister: false,
      registerType: 'autoUpdate',
      manifest: false,
      workbox: {
        globPatterns: ['**/*.{js,css,html,json,jsonl,txt,safetensors,wasm,ttf,svg}'],
        globIgnores: ['**/*.map'],
        maximumFileSizeToCacheInBytes: LARGEST_FILE,
        clientsClaim: true,
        skipWaiting: true,
        cleanupOutdatedCaches: true,
        navigateFallback: 'index.html',
        // The engine asks for a shipped checkpoint with HEAD before listing it; Workbox precaches only
        // GETs, so offline a HEAD is answered from the precached file's headers.
        runtimeCaching: [
          {
            urlPattern: ({ request }) => request.method === 'HEAD',
            method: 'HEAD',
            handler: async ({ request }) => {
              const hit = await caches.match(request.url, { ignoreSearch: true, ignoreMethod: true });
              return hit ? new Response(null, { status: hit.status, headers: hit.headers }) : fetch(request);
            },
          },
        ],
      },
    }),
  ],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  preview: { port: 4173, strictPort: true },
});
