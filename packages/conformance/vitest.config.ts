import { defineTestConfig } from '@call-control/vitest-config';

// Each broken gateway is a mock, a proxy and a checker in this process: two at once, and one
// test file at a time, keep their timing honest beside every other package's suite.
export default defineTestConfig({
  testTimeout: 60_000,
  hookTimeout: 60_000,
  maxConcurrency: 2,
  fileParallelism: false,
});
