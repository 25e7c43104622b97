import { expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { headerSpec, labelOf } from '../../src/receiver/receiver-case.js';

const contract = readContract();

it.each([
  ['webhook-id', '#/components/parameters/WebhookId'],
  ['webhook-timestamp', '#/components/parameters/WebhookTimestamp'],
  ['webhook-signature', '#/components/parameters/WebhookSignature'],
])('finds where the contract defines %s', (name, pointer) => {
  expect(headerSpec(contract, name)).toBe(pointer);
});

it('says so when the contract has no such header', () => {
  expect(() => headerSpec(contract, 'webhook-nonce')).toThrow("the contract's webhooks have no webhook-nonce header");
});

it('labels a delivery by its webhook and example', () => {
  const webhook = contract.webhooks[0]!;
  expect(labelOf(webhook, webhook.examples[0]!)).toBe(`${webhook.name} ${webhook.examples[0]!.name}`);
});
