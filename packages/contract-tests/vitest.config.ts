import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // The JSON report feeds the `N passed, N failed` line of `pnpm test`.
    reporters: ['default', 'json'],
    outputFile: { json: 'test-results/vitest.json' },
    include: ['test/**/*.test.ts'],
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
