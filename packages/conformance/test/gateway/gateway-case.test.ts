import { loadBundledSpec } from '@call-control/spec';
import { expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import {
  firstAttempts,
  ruleResult,
  sessionOfEvent,
  skipAll,
  typeOf,
  valueAt,
  webhookNamed,
} from '../../src/gateway/gateway-case.js';
import type { DeliveryAttempt } from '../../src/gateway/webhook-listener.js';

const contract = readContract();
const example = loadBundledSpec().components.examples.CallHangupByApi.value;
const attempt = (
  seq: number,
  webhookId: string | undefined,
  event: Record<string, unknown> | undefined = example,
): DeliveryAttempt => ({
  seq,
  arrivedAt: seq,
  answeredAt: seq,
  wallClock: 0,
  headers: {},
  body: '',
  event,
  webhookId,
  answered: 204,
});
const definition = { id: 'gateway.x.rule', title: 'rule', why: 'why', spec: '#/x' };

it('reads a value by path, and nothing where there is none', () => {
  expect(valueAt(example, ['data', 'hangup_cause'])).toBe('USER_BUSY');
  expect(valueAt(example, ['data', 'nothing', 'deeper'])).toBeUndefined();
  expect(valueAt(null, ['a'])).toBeUndefined();
});

it('finds the session an event names, in lower case, even for a type the contract lacks', () => {
  const sessionOf = sessionOfEvent(contract);
  expect(sessionOf(example)).toBe(example.data.session_uuid);
  expect(sessionOf({ type: 'call.held', data: { session_uuid: 'ABC' } })).toBe('abc');
  expect(sessionOf({ type: 'call.hangup', data: {} })).toBeUndefined();
  expect(webhookNamed(contract, 'call.hangup')?.name).toBe('call.hangup');
});

it('keeps each event’s first attempt, in order of arrival', () => {
  const attempts = [
    attempt(0, 'evt_a'),
    attempt(1, 'evt_b'),
    attempt(2, 'evt_a'),
    attempt(3, undefined),
    { ...attempt(4, undefined), event: undefined },
  ];
  expect(firstAttempts(attempts).map(({ seq }) => seq)).toEqual([0, 1, 3, 4]);
  expect(typeOf(attempts[4]!)).toBe('(not JSON)');
});

it('judges a rule over attempts: passed, failed with each fault, skipped when none arrived', () => {
  expect(ruleResult(definition, [attempt(0, 'evt_a')], () => undefined)).toMatchObject({
    outcome: 'passed',
    detail: 'received call.hangup.',
  });
  expect(ruleResult(definition, [attempt(0, 'evt_a')], () => 'bad')).toMatchObject({
    outcome: 'failed',
    detail: 'received call.hangup; call.hangup evt_a: bad. Why it matters: why',
  });
  expect(ruleResult(definition, [], () => 'bad')).toMatchObject({
    outcome: 'skipped',
    detail: 'no webhook arrived to check',
  });
  expect(skipAll([definition], 'because')).toEqual(
    [{ ...definition, why: undefined, outcome: 'skipped', detail: 'because' }].map(({ why: _why, ...rest }) => rest),
  );
});
