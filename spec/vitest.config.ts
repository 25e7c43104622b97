import { defineTestConfig } from '@call-control/vitest-config';

export default defineTestConfig({
  include: ['test/**/*.test.ts', 'plugins/**/*.test.ts', 'diff/**/*.test.ts'],
});
