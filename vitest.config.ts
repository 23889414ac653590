import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'app/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // The runtime's kernels: kernels.wasm built if stale, then chosen per MULTIHEAD_KERNELS in every file.
    globalSetup: ['server/kernels/vitest-global-setup.ts'],
    setupFiles: ['server/kernels/vitest-setup.ts'],
  },
});
