// `pnpm lint` is part of the test run: any error or warning fails it.
import { expect, it } from 'vitest';
import { lint } from './support/redocly.js';

it('redocly lint reports zero errors and zero warnings', async () => {
  const report = await lint();
  const problems = report.problems.map(
    ({ ruleId, message, location }) => `${ruleId}: ${message} (${location[0]?.source.ref}${location[0]?.pointer})`,
  );
  expect(problems).toEqual([]);
  expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
}, 60_000);
