import { defineTestConfig } from '@call-control/vitest-config';

export default defineTestConfig({
  typeTests: true,
  testTimeout: 120_000,
  hookTimeout: 60_000,
});
