// One webhook delivery as the battery sends it: the exact body bytes and the headers, signed
// with the repository's shared Standard Webhooks signer (`signWebhook`, the `standardwebhooks`
// library underneath) — or deliberately not, for the cases a receiver must refuse.
import { randomBytes } from 'node:crypto';
import { signWebhook, type WebhookHeaders } from '@call-control/webhooks';

export interface Delivery {
  /** What was sent, in a few words (`call.hangup CallHangupByCaller`). */
  label: string;
  body: string;
  headers: Record<string, string>;
}

/** A `webhook-id` no receiver has seen: each delivery gets its own, so no case is answered from a dedupe store. */
export const freshWebhookId = () => `evt_${randomBytes(16).toString('hex')}`;

/** A `whsec_` secret that is not the receiver's. */
export const otherSecret = () => `whsec_${randomBytes(32).toString('base64')}`;

export interface SignedInput {
  label: string;
  /** The event; its `id` is replaced by `id`. */
  event: Record<string, unknown>;
  id?: string;
  /** Writes the body's bytes; `JSON.stringify` by default. */
  write?: (event: Record<string, unknown>) => string;
  /** One secret, or several (one `v1,` signature each, in order). */
  secret: string | readonly string[];
  /** Unix seconds; now by default. */
  timestamp?: number;
}

export const nowSeconds = () => Math.floor(Date.now() / 1000);

/** The three Standard Webhooks headers for these exact bytes. */
export function signatureHeaders(
  id: string,
  body: string,
  secret: string | readonly string[],
  timestamp = nowSeconds(),
): WebhookHeaders {
  return signWebhook({ id, body, secret, timestamp: new Date(timestamp * 1000) });
}

/** A correctly signed delivery of an event, its `id` equal to its `webhook-id`. */
export function signedDelivery({
  label,
  event,
  id = freshWebhookId(),
  write = JSON.stringify,
  secret,
  timestamp,
}: SignedInput): Delivery {
  const body = write({ ...event, id });
  return { label, body, headers: { ...signatureHeaders(id, body, secret, timestamp) } };
}
