import { loadBundledSpec } from '@call-control/spec';
import { expect, it } from 'vitest';
import { readContract } from '../src/contract.js';

const spec = loadBundledSpec();
const contract = readContract(spec);

it('reads the gateway’s limits from x-gateway-limits', () => {
  const limits = spec['x-gateway-limits'];
  expect(contract.limits).toEqual({
    maxBodyBytes: limits.max_body_bytes,
    webhookResponseTimeoutMs: limits.webhook_response_timeout_ms,
    webhookRetryScheduleS: limits.webhook_retry_schedule_s,
    webhookRetryAfterStatuses: limits.webhook_retry_after_statuses,
    webhookTimestampToleranceS: limits.webhook_timestamp_tolerance_s,
  });
});

it('reads every webhook and every command of the spec, in its order', () => {
  expect(contract.webhooks.map(({ name }) => name)).toEqual(Object.keys(spec.webhooks));
  const commands = Object.values(spec.paths).flatMap((item: ReturnType<typeof loadBundledSpec>) =>
    Object.values(item).filter(
      (operation: ReturnType<typeof loadBundledSpec>) => operation?.['x-webhooks-triggered'] !== undefined,
    ),
  );
  expect(contract.commands.map(({ operationId }) => operationId)).toEqual(
    commands.map((operation: ReturnType<typeof loadBundledSpec>) => operation.operationId),
  );
  expect(contract.version).toBe(spec.info.version);
});

it.each(['UnauthorizedProblem', 'IdempotencyKeyReusedProblem', 'ContentTooLargeProblem'])(
  'reads the problem example %s',
  (name) => {
    const { value } = spec.components.examples[name];
    expect(contract.problem(name)).toEqual({
      name,
      pointer: `#/components/examples/${name}`,
      status: value.status,
      type: value.type,
      title: value.title,
    });
  },
);

it('refuses an example that is not a problem, and one the spec does not have', () => {
  expect(() => contract.problem('CallAnswered')).toThrow('is not a problem example');
  expect(() => contract.problem('NoSuchProblem')).toThrow('nothing at');
});

it('compiles the spec’s own schemas, and reads the session UUID’s rule', () => {
  const validate = contract.validatorFor('#/components/schemas/HangupRequest');
  expect(validate({ cause: 'USER_BUSY' })).toBe(true);
  expect(validate({ cause: 'user busy' })).toBe(false);
  expect(contract.sessionUuid.test('3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234')).toBe(true);
  expect(contract.sessionUuid.test('urn:uuid:3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234')).toBe(false);
});

it('says which limit is missing from a contract without it', () => {
  const broken = loadBundledSpec();
  delete broken['x-gateway-limits'].max_body_bytes;
  expect(() => readContract(broken)).toThrow('no number at #/x-gateway-limits/max_body_bytes');
});
