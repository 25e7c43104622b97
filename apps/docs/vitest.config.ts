import { defineTestConfig } from '@call-control/vitest-config';

export default defineTestConfig({
  // A real Chromium and a real tsc: room enough on two shared cores, still bounded.
  testTimeout: 60_000,
  hookTimeout: 60_000,
});
