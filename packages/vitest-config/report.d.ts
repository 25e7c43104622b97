/** Where each package writes its Vitest JSON report (relative to the package). */
export const TEST_REPORT: 'test-results/vitest.json';
