import { defineTestConfig } from '@call-control/vitest-config';

export default defineTestConfig({ typeTests: true });
