// Two test projects, both run by `npm test`:
//   unit: plain Node tests (references, tokenizer, data, store);
//   gpu:  real WGSL on Dawn (`*.gpu.test.ts`), on a real GPU if Node can reach one, else SwiftShader.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        extends: './vite.config.ts',
        test: {
          name: 'unit',
          environment: 'node',
          include: ['src/**/*.test.ts', 'scripts/**/*.test.ts', 'bench/**/*.test.ts', 'test/**/*.test.ts'],
          exclude: ['src/**/*.gpu.test.ts', 'node_modules/**'],
          testTimeout: 60_000,
        },
      },
      {
        extends: './vite.config.ts',
        test: {
          name: 'gpu',
          environment: 'node',
          include: ['src/**/*.gpu.test.ts'],
          globalSetup: ['./test/gpu-global-setup.ts'],
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
