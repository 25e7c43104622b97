import { Webhook } from 'standardwebhooks';
import { expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { freshWebhookId, otherSecret, signatureHeaders, signedDelivery } from '../../src/receiver/delivery.js';

const secret = `whsec_${Buffer.from('delivery-test-secret-0123456789ab').toString('base64')}`;
const contract = readContract();

it('signs the exact bytes, id equal to webhook-id, as the standardwebhooks library verifies them', () => {
  const write = (event: Record<string, unknown>) => ` ${JSON.stringify(event)}\n`;
  const delivery = signedDelivery({ label: 'x', event: { id: 'evt_old', type: 't', data: {} }, write, secret });
  expect(delivery.body.startsWith(' {')).toBe(true);
  expect(JSON.parse(delivery.body).id).toBe(delivery.headers['webhook-id']);
  expect(new Webhook(secret).verify(delivery.body, delivery.headers)).toEqual(JSON.parse(delivery.body));
});

it('signs with each secret of a rotation, in order, at the timestamp given', () => {
  const other = otherSecret();
  const headers = signatureHeaders('evt_1', '{}', [other, secret], 1_700_000_000);
  expect(headers['webhook-timestamp']).toBe('1700000000');
  const [first, second] = headers['webhook-signature'].split(' ');
  expect(first).toBe(new Webhook(other).sign('evt_1', new Date(1_700_000_000_000), '{}'));
  expect(second).toBe(new Webhook(secret).sign('evt_1', new Date(1_700_000_000_000), '{}'));
});

it('makes ids the contract allows, never the same twice, and secrets of the whsec_ form', () => {
  const validate = contract.validatorFor('#/components/schemas/WebhookId');
  const ids = Array.from({ length: 100 }, freshWebhookId);
  expect(ids.every((id) => validate(id))).toBe(true);
  expect(new Set(ids).size).toBe(100);
  expect(otherSecret()).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
});
