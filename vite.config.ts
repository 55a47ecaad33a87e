// Vite builds the lab as a static site. WGSL is imported with `?raw`; the engine runs in a
// module worker; heavy pages (charts, editor) are split out by the router's lazy routes.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  base: './',
  plugins: [react()],
  worker: { format: 'es' },
  build: { target: 'es2022', sourcemap: true, chunkSizeWarningLimit: 1500 },
  preview: { port: 4173, strictPort: true },
});
