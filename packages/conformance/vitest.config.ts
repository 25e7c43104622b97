import { defineTestConfig } from '@call-control/vitest-config';

export default defineTestConfig({ testTimeout: 60_000, hookTimeout: 60_000 });
