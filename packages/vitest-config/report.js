// Where each package's Vitest JSON report goes (relative to the package): written by every
// package's config, counted by scripts/test.mjs, cached by turbo as the test task's output
// (turbo.json names it too: JSON cannot import). A module of its own, so the counter reads it
// without loading Vitest.
export const TEST_REPORT = 'test-results/vitest.json';
