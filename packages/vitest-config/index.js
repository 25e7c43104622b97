// The Vitest settings every package shares. The JSON report is a contract: scripts/test.mjs
// counts each package's report into the `N passed, N failed` line of `pnpm test`.
import { defineConfig } from 'vitest/config';
import { TEST_REPORT } from './report.js';

export { TEST_REPORT };

/**
 * A package's Vitest config: tests in `test/**\/*.test.ts`, the JSON report, and with
 * `typeTests` the type tests in `test/**\/*.test-d.ts` checked against the package's
 * tsconfig.json. Anything in `test` is added to (or overrides) those settings.
 */
export function defineTestConfig({ typeTests = false, ...test } = {}) {
  return defineConfig({
    test: {
      reporters: ['default', 'json'],
      outputFile: { json: TEST_REPORT },
      include: ['test/**/*.test.ts'],
      ...(typeTests
        ? { typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' } }
        : {}),
      ...test,
    },
  });
}
