// Signs the mock's deliveries per Standard Webhooks with node:crypto's HMAC-SHA256: the same
// bytes as the `standardwebhooks` library (a test compares them on every example of the spec),
// without the cost of its pure-JavaScript SHA-256 — the mock signs two webhooks per command
// (ADR 0010). A secret is held to the shared signer's own rule, once, up front.
import { createHmac } from 'node:crypto';
import { signWebhook, type WebhookHeaders } from '@call-control/webhooks';
import { type Outcome, PASSED, refuse } from '../common/outcome.js';

export type WebhookSigner = (id: string, body: string, timestamp?: Date) => WebhookHeaders;

/**
 * Whether `secret` is one the shared signer (`@call-control/webhooks`) takes: `whsec_` and
 * padded base64 of at least one byte. It is asked by signing an empty probe with it, so the
 * mock never takes a secret that signer would refuse; refused with the signer's own words.
 */
export function checkWebhookSecret(secret: string): Outcome<undefined, string> {
  try {
    signWebhook({ id: 'probe', body: '', secret });
    return PASSED;
  } catch (error) {
    return refuse((error as Error).message);
  }
}

export function createWebhookSigner(secret: string): WebhookSigner {
  const checked = checkWebhookSecret(secret);
  if (!checked.ok) throw new TypeError(checked.reason);
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return (id, body, timestamp = new Date()) => {
    const seconds = String(Math.floor(timestamp.getTime() / 1000));
    const signature = createHmac('sha256', key).update(`${id}.${seconds}.${body}`).digest('base64');
    return { 'webhook-id': id, 'webhook-timestamp': seconds, 'webhook-signature': `v1,${signature}` };
  };
}
