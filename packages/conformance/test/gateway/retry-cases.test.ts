import { loadBundledSpec } from '@call-control/spec';
import { expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { retryCases } from '../../src/gateway/retry-cases.js';

const withLimits = (limits: Record<string, unknown>) => {
  const spec = loadBundledSpec();
  Object.assign(spec['x-gateway-limits'], limits);
  return readContract(spec);
};

it('derives the waits from the schedule: its next step after a 500; after a 503, a Retry-After past it and within the step after', () => {
  const [plain, busy] = retryCases(readContract());
  expect(plain).toMatchObject({
    status: 500,
    retryAfterS: undefined,
    waitS: 5,
    definition: { id: 'gateway.retry-500' },
  });
  expect(busy).toMatchObject({
    status: 503,
    retryAfterS: 10,
    waitS: 10,
    definition: { id: 'gateway.retry-after-503' },
  });
});

it.each([
  [{ webhook_retry_schedule_s: [0, 0, 0] }, 1, 1],
  [{ webhook_retry_schedule_s: [0, 50, 60] }, 60, 60],
  [{ webhook_retry_schedule_s: [0, 5] }, 10, 10],
])('with the schedule %j, Retry-After %i and the least wait %i s', (limits, retryAfterS, waitS) => {
  expect(retryCases(withLimits(limits))[1]).toMatchObject({ retryAfterS, waitS });
});

it('answers with the first status whose Retry-After is honoured when 503 is not among them, and has no such case without any', () => {
  expect(retryCases(withLimits({ webhook_retry_after_statuses: [429, 502] }))[1]!.definition.id).toBe(
    'gateway.retry-after-429',
  );
  expect(retryCases(withLimits({ webhook_retry_after_statuses: [] })).map(({ definition }) => definition.id)).toEqual([
    'gateway.retry-500',
  ]);
});
