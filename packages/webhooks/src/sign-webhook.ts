// Signs a webhook delivery per Standard Webhooks (standardwebhooks.com). The mock gateway
// sends with it and tests build deliveries with it, so both sides share one implementation
// of the header format; the HMAC itself is the `standardwebhooks` library's.
import { signersFor } from './webhook-secret.js';

/** The three Standard Webhooks headers of one delivery attempt. */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

export interface SignWebhookInput {
  /** The event's ID (`webhook-id`), equal to the body's `id` and stable across retries. */
  id: string;
  /** The exact bytes that will be sent; a string stands for its UTF-8 encoding. */
  body: string | Uint8Array;
  /** `whsec_<base64>`; several during a rotation (one `v1,` signature each). */
  secret: string | readonly string[];
  /** When the attempt is signed; defaults to now. */
  timestamp?: Date;
}

export function signWebhook({ id, body, secret, timestamp = new Date() }: SignWebhookInput): WebhookHeaders {
  const signatures = signersFor(secret, 'signWebhook').map((signer) => signer.sign(id, timestamp, body));
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
