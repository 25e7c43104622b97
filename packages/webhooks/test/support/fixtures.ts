// Shared test material: secrets, the spec's example webhooks, and an independent signer
// (node:crypto), so tests never check our signer against itself.
import { createHmac } from 'node:crypto';
import { loadBundledSpec } from '@call-control/spec';
import type { WebhookEvent } from '@call-control/types';

export const KEY = Buffer.from('call-control-test-key-32-bytes!!');
export const SECRET = `whsec_${KEY.toString('base64')}`;
export const OTHER_KEY = Buffer.from('another-key-for-secret-rotation!');
export const OTHER_SECRET = `whsec_${OTHER_KEY.toString('base64')}`;

/** The bundled contract: plain JSON, walked by key (`loadBundledSpec` types it loosely). */
export const spec = loadBundledSpec();
/** A node of the bundled contract. */
export type SpecNode = ReturnType<typeof loadBundledSpec>;

/** Every named example of every webhook in the spec: `[webhook, example name, event]`. */
export const exampleWebhooks: [string, string, WebhookEvent][] = Object.entries(spec.webhooks).flatMap(
  ([webhook, item]: [string, SpecNode]) =>
    Object.entries(item.post.requestBody.content['application/json'].examples).map(
      ([name, ref]: [string, SpecNode]) => {
        const exampleName = ref.$ref.split('/').pop();
        return [webhook, name, spec.components.examples[exampleName].value as WebhookEvent] as [
          string,
          string,
          WebhookEvent,
        ];
      },
    ),
);

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** Standard Webhooks headers computed with node:crypto, independently of our signer (a string body as UTF-8). */
export function independentHeaders(id: string, body: string | Uint8Array, { key = KEY, seconds = nowSeconds() } = {}) {
  const signature = createHmac('sha256', key).update(`${id}.${seconds}.`).update(body).digest('base64');
  return { 'webhook-id': id, 'webhook-timestamp': String(seconds), 'webhook-signature': `v1,${signature}` };
}

export function example(name: string): WebhookEvent {
  return structuredClone(spec.components.examples[name].value);
}

/**
 * `event` with some `data` fields replaced — by values its type may refuse, for the cases where
 * the spec is wider than the types (an open set) or the payload must break the schema.
 */
export function withData(event: WebhookEvent, data: Record<string, unknown>): WebhookEvent {
  return { ...event, data: { ...event.data, ...data } } as WebhookEvent;
}
