import { configDefaults, defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('.', import.meta.url)) } },
  test: {
    include: ['lib/**/*.test.ts', 'server/**/*.test.ts', 'app/**/*.test.ts'],
    // Suites that exist only for several instances (*.cluster.test.ts) need the PostgreSQL and Redis
    // that .ci/run starts (TEST_POSTGRES_URL, TEST_REDIS_URL); without them there is nothing to run.
    exclude: [...configDefaults.exclude, ...(process.env.TEST_POSTGRES_URL && process.env.TEST_REDIS_URL ? [] : ['**/*.cluster.test.ts'])],
    environment: 'node',
    testTimeout: 60_000,
    // The runtime's kernels: kernels.wasm built if stale, then chosen per MULTIHEAD_KERNELS in every file.
    globalSetup: ['server/kernels/vitest-global-setup.ts'],
    setupFiles: ['server/kernels/vitest-setup.ts'],
  },
});
