import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    exclude: ['test/e2e/**', 'node_modules/**'],
    pool: 'forks',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // thousands of short-lived test databases: no checkpoint worker each (test/main/db/checkpointer.test.ts runs it)
    env: { SOTONG_NO_CHECKPOINT_WORKER: '1' },
  },
});
