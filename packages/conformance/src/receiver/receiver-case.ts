// What a receiver case is: the deliveries it sends, in order, and whether a receiver that keeps
// the contract accepts them (`2xx`) or refuses them (any other status, never a redirect).
import type { Contract, ContractWebhook, WebhookExample } from '../contract.js';
import type { CaseDefinition } from '../report.js';
import type { Delivery } from './delivery.js';

export interface ReceiverContext {
  contract: Contract;
  /** The receiver's secret. */
  secret: string;
  /** The event most cases vary: the first example of the first webhook. */
  base: { webhook: ContractWebhook; example: WebhookExample };
}

export interface ReceiverCase extends CaseDefinition {
  expect: 'accept' | 'refuse';
  deliveries(context: ReceiverContext): Delivery[];
}

export const labelOf = (webhook: ContractWebhook, example: WebhookExample) => `${webhook.name} ${example.name}`;

/** Where the contract defines a signature header (Standard Webhooks' names, which the shared signer writes). */
export function headerSpec(contract: Contract, name: string): string {
  const header = contract.webhooks[0]?.headers.find((candidate) => candidate.name === name);
  if (header === undefined) throw new Error(`the contract's webhooks have no ${name} header`);
  return header.pointer;
}
