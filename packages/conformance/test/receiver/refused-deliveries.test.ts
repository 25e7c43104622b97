// The deliveries a receiver must refuse are ones a Standard Webhooks verifier refuses: each is
// checked with the standardwebhooks library itself — except the empty body, whose signature
// that library accepts (it returns no event): the contract's own check refuses that one.
import { createWebhookDeliveryChecker } from '@call-control/spec/validator';
import { Webhook } from 'standardwebhooks';
import { expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import type { ReceiverContext } from '../../src/receiver/receiver-case.js';
import { refusedDeliveryCases } from '../../src/receiver/refused-deliveries.js';

const contract = readContract();
const secret = `whsec_${Buffer.from('refused-deliveries-test-secret!!').toString('base64')}`;
const webhook = contract.webhooks[0]!;
const context: ReceiverContext = { contract, secret, base: { webhook, example: webhook.examples[0]! } };
const cases = refusedDeliveryCases(contract);

it('lists the cases, each expecting a refusal', () => {
  expect(cases.map(({ id }) => id)).toEqual([
    'receiver.timestamp-too-old',
    'receiver.timestamp-too-new',
    'receiver.tampered-body',
    'receiver.wrong-secret',
    'receiver.missing-headers',
    'receiver.malformed-signature',
    'receiver.v1a-signature-only',
    'receiver.empty-body',
  ]);
  expect(cases.every(({ expect: expected }) => expected === 'refuse')).toBe(true);
});

it('sends an empty body correctly signed, which is no event of the contract', () => {
  const [delivery] = cases.find(({ id }) => id === 'receiver.empty-body')!.deliveries(context);
  expect(delivery!.body).toBe('');
  expect(new Webhook(secret).verify(delivery!.body, delivery!.headers)).toBeUndefined();
  expect(createWebhookDeliveryChecker(contract.spec)(delivery!.headers, delivery!.body)).toEqual([
    expect.stringMatching(/^a delivery that is not JSON/),
  ]);
});

it.each(cases.filter(({ id }) => id !== 'receiver.empty-body').map((test) => [test.id, test]))(
  '%s sends only what a Standard Webhooks verifier refuses',
  (_id, test) => {
    const deliveries = test.deliveries(context);
    expect(deliveries.length).toBeGreaterThan(0);
    for (const delivery of deliveries)
      expect(() => new Webhook(secret).verify(delivery.body, delivery.headers), delivery.label).toThrow();
  },
);

it('leaves out each required header of the webhook once', () => {
  const test = cases.find(({ id }) => id === 'receiver.missing-headers')!;
  const missing = test
    .deliveries(context)
    .map(({ headers }) =>
      ['webhook-id', 'webhook-timestamp', 'webhook-signature'].filter((name) => !(name in headers)),
    );
  expect(missing).toEqual([['webhook-id'], ['webhook-timestamp'], ['webhook-signature']]);
});

it('puts the timestamps twice the tolerance away, either way', () => {
  const offset = (id: string) => {
    const [delivery] = cases.find((test) => test.id === id)!.deliveries(context);
    return Math.round(Number(delivery!.headers['webhook-timestamp']) - Date.now() / 1000);
  };
  const tolerance = contract.limits.webhookTimestampToleranceS;
  expect(Math.abs(offset('receiver.timestamp-too-old') + 2 * tolerance)).toBeLessThanOrEqual(1);
  expect(Math.abs(offset('receiver.timestamp-too-new') - 2 * tolerance)).toBeLessThanOrEqual(1);
});
