// The deliveries a receiver must accept are deliveries the contract allows: each is checked
// against the spec's own webhook definitions (headers and body), independently of any receiver.
import { createWebhookDeliveryChecker } from '@call-control/spec/validator';
import { Webhook } from 'standardwebhooks';
import { expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { acceptedDeliveryCases } from '../../src/receiver/accepted-deliveries.js';
import type { ReceiverContext } from '../../src/receiver/receiver-case.js';

const contract = readContract();
const secret = `whsec_${Buffer.from('accepted-deliveries-test-secret!').toString('base64')}`;
const webhook = contract.webhooks[0]!;
const context: ReceiverContext = { contract, secret, base: { webhook, example: webhook.examples[0]! } };
const cases = acceptedDeliveryCases(contract);
const byId = (id: string) => cases.find((test) => test.id === id)!;
const check = createWebhookDeliveryChecker(contract.spec);

it('lists the cases, each expecting 2xx', () => {
  expect(cases.map(({ id }) => id)).toEqual([
    'receiver.every-example',
    'receiver.unknown-event-type',
    'receiver.unknown-command',
    'receiver.extra-fields',
    'receiver.duplicate-delivery',
    'receiver.raw-body',
    'receiver.secret-rotation',
    'receiver.timestamp-recent',
  ]);
  expect(cases.every(({ expect: expected }) => expected === 'accept')).toBe(true);
});

it.each(cases.filter(({ id }) => id !== 'receiver.unknown-event-type').map((test) => [test.id, test]))(
  '%s sends deliveries the contract allows, each verifying with the secret',
  (_id, test) => {
    for (const delivery of test.deliveries(context)) {
      expect(check(delivery.headers, delivery.body), delivery.label).toEqual([]);
      const timestamp = new Date(Number(delivery.headers['webhook-timestamp']) * 1000);
      const signatures = delivery.headers['webhook-signature']!.split(' ');
      expect(signatures).toContain(new Webhook(secret).sign(delivery.headers['webhook-id']!, timestamp, delivery.body));
    }
  },
);

it('sends every example of every webhook', () => {
  const sent = byId('receiver.every-example')
    .deliveries(context)
    .map(({ body }) => JSON.parse(body));
  const examples = contract.webhooks.flatMap(({ examples }) => examples.map(({ value }) => value));
  expect(sent.map(({ id: _id, ...rest }) => rest)).toEqual(examples.map(({ id: _id, ...rest }) => rest));
});

it('names a type the contract lacks, and a command outside the open set’s known values that its rule allows', () => {
  const [unknownType] = byId('receiver.unknown-event-type').deliveries(context);
  expect(contract.webhooks.map(({ name }) => name)).not.toContain(JSON.parse(unknownType!.body).type);
  const [unknownCommand] = byId('receiver.unknown-command').deliveries(context);
  const { command } = JSON.parse(unknownCommand!.body).data;
  expect(contract.webhooks[0]!.openSets[0]!.known).not.toContain(command);
});

it('adds members at the top and inside, signs the non-canonical forms and both rotation orders, and sends one delivery twice', () => {
  for (const delivery of byId('receiver.extra-fields').deliveries(context)) {
    const event = JSON.parse(delivery.body);
    expect(event.conformance_probe).toBeDefined();
    expect(event.data.conformance_probe).toBeDefined();
  }
  for (const delivery of byId('receiver.raw-body').deliveries(context)) {
    const event = { ...context.base.example.value, id: delivery.headers['webhook-id'] };
    expect(JSON.parse(delivery.body)).toEqual(event);
    expect(delivery.body).not.toBe(JSON.stringify(event));
  }
  const [first, last] = byId('receiver.secret-rotation').deliveries(context);
  const mine = (delivery: typeof first) => {
    const signature = new Webhook(secret).sign(
      delivery!.headers['webhook-id']!,
      new Date(Number(delivery!.headers['webhook-timestamp']) * 1000),
      delivery!.body,
    );
    return delivery!.headers['webhook-signature']!.split(' ').indexOf(signature);
  };
  expect([mine(first), mine(last)]).toEqual([1, 0]);
  const [once, twice] = byId('receiver.duplicate-delivery').deliveries(context);
  expect(twice).toEqual({ ...once, label: `${once!.label}, again` });
});

it('signs the recent one 60 s before now (half the tolerance at most)', () => {
  const [delivery] = byId('receiver.timestamp-recent').deliveries(context);
  const age = Date.now() / 1000 - Number(delivery!.headers['webhook-timestamp']);
  expect(age).toBeGreaterThanOrEqual(59);
  expect(age).toBeLessThan(62);
});
