// Signs a webhook delivery per Standard Webhooks (standardwebhooks.com). The mock gateway
// sends with it and tests build deliveries with it, so both sides share one implementation
// of the header format; the HMAC itself is the `standardwebhooks` library's.
import { Webhook } from 'standardwebhooks';

/** The three Standard Webhooks headers of one delivery attempt. */
export type WebhookHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

export interface SignWebhookInput {
  /** The event's ID (`webhook-id`), equal to the body's `id` and stable across retries. */
  id: string;
  /** The exact bytes that will be sent, as a string. */
  body: string;
  /** `whsec_<base64>`; several during a rotation (one `v1,` signature each). */
  secret: string | readonly string[];
  /** When the attempt is signed; defaults to now. */
  timestamp?: Date;
}

// A sender signs every delivery with the same few secrets: keep their decoded keys.
const signers = new Map<string, Webhook>();
function signerFor(secret: string): Webhook {
  let signer = signers.get(secret);
  if (signer === undefined) {
    if (signers.size >= 16) signers.clear();
    signer = new Webhook(secret);
    signers.set(secret, signer);
  }
  return signer;
}

export function signWebhook({ id, body, secret, timestamp = new Date() }: SignWebhookInput): WebhookHeaders {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (secrets.length === 0) throw new TypeError('signWebhook: at least one secret is required');
  const signatures = secrets.map((each) => signerFor(each).sign(id, timestamp, body));
  return {
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(timestamp.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}
