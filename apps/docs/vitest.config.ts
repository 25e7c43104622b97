import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The JSON report feeds the `N passed, N failed` line of `pnpm test`.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    include: ['test/**/*.test.ts'],
    // A real Chromium and a real tsc: room enough on two shared cores, still bounded.
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
