import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The JSON report feeds the `N passed, N failed` line of `pnpm test`.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    include: ['test/**/*.test.ts'],
    // Real servers and real timers: give each test room, but keep hangs bounded.
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
