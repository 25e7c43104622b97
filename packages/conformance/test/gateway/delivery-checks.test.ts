import { loadBundledSpec } from '@call-control/spec';
import { signWebhook } from '@call-control/webhooks';
import { expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { deliveryChecks, timestampOf } from '../../src/gateway/delivery-checks.js';
import type { DeliveryAttempt } from '../../src/gateway/webhook-listener.js';

const contract = readContract();
const secret = `whsec_${Buffer.from('delivery-checks-test-secret-0123').toString('base64')}`;
const other = `whsec_${Buffer.from('another-secret-entirely-01234567').toString('base64')}`;
const checks = deliveryChecks(contract, secret);
const example = loadBundledSpec().components.examples.CallAnswered.value;

/** An attempt as the listener records it: `signed` is the body the signature was made over. */
interface Made {
  body?: string;
  signed?: string;
  key?: string;
  at?: Date;
  headers?: Record<string, string | undefined>;
}

function attempt({
  body = JSON.stringify(example),
  signed,
  key = secret,
  at = new Date(),
  headers = {},
}: Made = {}): DeliveryAttempt {
  const signature = signWebhook({ id: example.id, body: signed ?? body, secret: key, timestamp: at });
  const all = Object.fromEntries(
    Object.entries({ ...signature, ...headers }).filter(([, value]) => value !== undefined),
  ) as Record<string, string>;
  return {
    seq: 0,
    arrivedAt: 0,
    answeredAt: 0,
    wallClock: Date.now(),
    headers: all,
    body,
    event: JSON.parse(body),
    webhookId: all['webhook-id'],
    answered: 204,
  };
}

it('passes a delivery signed and built as the contract says', () => {
  // One signing time for both attempts: the second carries the first's signature, which holds
  // only with its webhook-timestamp (a second may pass between the two on a loaded machine).
  const at = new Date();
  const good = attempt({ at });
  expect([checks.signature(good), checks.schema(good), checks.id(good), checks.timestamp(good)]).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
  expect(
    checks.signature(
      attempt({ at, headers: { 'webhook-signature': `v1,bm90IHRoaXM= ${good.headers['webhook-signature']}` } }),
    ),
  ).toBeUndefined();
});

it.each([
  ['another secret', attempt({ key: other })],
  ['a re-serialized body', attempt({ body: JSON.stringify(example, null, 2), signed: JSON.stringify(example) })],
  [
    'the right HMAC under another version',
    attempt({ headers: { 'webhook-signature': attempt().headers['webhook-signature']!.replace('v1,', 'v1a,') } }),
  ],
])('faults a signature made with %s', (_name, spoilt) => {
  expect(checks.signature(spoilt)).toMatch(/is the HMAC of the raw body with the secret$/);
});

it('faults a delivery missing what a signature needs', () => {
  expect(checks.signature(attempt({ headers: { 'webhook-timestamp': 'soon' } }))).toBe(
    'no webhook-id, webhook-timestamp (Unix seconds) and webhook-signature to verify',
  );
  expect(checks.signature(attempt({ headers: { 'webhook-signature': undefined } }))).toMatch(/^no webhook-id/);
});

it('faults a body or header off the webhook’s definition', () => {
  const body = JSON.stringify({ ...example, data: { ...example.data, direction: 'sideways' } });
  expect(checks.schema(attempt({ body }))).toBe(
    'call.answered body: /data/direction must be equal to one of the allowed values',
  );
  expect(checks.schema(attempt({ headers: { 'webhook-id': 'not-an-event-id' } }))).toMatch(
    /^header webhook-id: \(root\) must match pattern/,
  );
});

it('faults a body id that is not the webhook-id', () => {
  expect(checks.id(attempt({ headers: { 'webhook-id': 'evt_other' } }))).toBe(
    `body id "${example.id}" but webhook-id "evt_other"`,
  );
});

it.each([
  [-600, /^webhook-timestamp is (599|600|601) s old \(tolerance 300 s\)$/],
  [600, /^webhook-timestamp is (599|600|601) s ahead \(tolerance 300 s\)$/],
])('faults a timestamp %i s from the checker’s clock', (offset, problem) => {
  expect(checks.timestamp(attempt({ at: new Date(Date.now() + offset * 1000) }))).toMatch(problem);
});

it('passes a timestamp within the tolerance', () => {
  expect(checks.timestamp(attempt({ at: new Date(Date.now() - 290_000) }))).toBeUndefined();
});

it('reads a timestamp only when it is Unix seconds', () => {
  expect(timestampOf(attempt({ headers: { 'webhook-timestamp': '1700000000' } }))).toBe(1_700_000_000);
  expect(timestampOf(attempt({ headers: { 'webhook-timestamp': '1.7e9' } }))).toBeUndefined();
  expect(checks.timestamp(attempt({ headers: { 'webhook-timestamp': 'soon' } }))).toBe(
    'webhook-timestamp "soon" is not Unix seconds',
  );
});
