import { defineTestConfig } from '@call-control/vitest-config';

export default defineTestConfig({
  // A real Chromium and a real tsc: room enough on two shared cores, still bounded. A hook that
  // opens the built page may wait 45 s for the load and 45 s for the render (see docs-browser).
  testTimeout: 60_000,
  hookTimeout: 120_000,
});
