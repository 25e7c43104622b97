// Signs the mock's deliveries per Standard Webhooks with node:crypto's HMAC-SHA256: the same
// bytes as the `standardwebhooks` library (a test compares them on every example of the spec),
// at a fraction of the cost of its pure-JavaScript SHA-256 — the mock signs two webhooks per
// command. The secret is checked by the shared signer's own rule, once, up front.
import { createHmac } from 'node:crypto';
import { signWebhook, type WebhookHeaders } from '@call-control/webhooks';

export type WebhookSigner = (id: string, body: string, timestamp?: Date) => WebhookHeaders;

export function createWebhookSigner(secret: string): WebhookSigner {
  signWebhook({ id: 'check', body: '', secret }); // throws a TypeError for a secret it would refuse
  const key = Buffer.from(secret.slice('whsec_'.length), 'base64');
  return (id, body, timestamp = new Date()) => {
    const seconds = String(Math.floor(timestamp.getTime() / 1000));
    const signature = createHmac('sha256', key).update(`${id}.${seconds}.${body}`).digest('base64');
    return { 'webhook-id': id, 'webhook-timestamp': seconds, 'webhook-signature': `v1,${signature}` };
  };
}
