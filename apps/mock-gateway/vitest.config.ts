import { defineTestConfig } from '@call-control/vitest-config';

export default defineTestConfig({
  // Real servers and real timers: give each test room, but keep hangs bounded.
  testTimeout: 30_000,
  hookTimeout: 30_000,
});
