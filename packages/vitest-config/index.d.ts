import type { UserConfig } from 'vitest/config';

export { TEST_REPORT } from './report.js';

type TestOptions = NonNullable<UserConfig['test']>;

/** A package's Vitest config: the shared tests glob and JSON report, optionally type tests, plus `test`. */
export function defineTestConfig(options?: TestOptions & { typeTests?: boolean }): UserConfig;
