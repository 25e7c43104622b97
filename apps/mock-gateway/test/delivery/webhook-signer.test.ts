// The mock's node:crypto signer against the standardwebhooks library's, byte for byte, on every
// example webhook of the spec; and receivers verify what it signs.
import { signWebhook, verifyWebhook } from '@call-control/webhooks';
import { describe, expect, it } from 'vitest';
import { checkWebhookSecret, createWebhookSigner } from '../../src/delivery/webhook-signer.js';
import { spec } from '../support/spec.js';

const SECRETS = [
  `whsec_${Buffer.from('a-32-byte-key-for-the-signer!!!!').toString('base64')}`,
  'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
];
const examples: [string, { id: string }][] = Object.values<{
  post: { requestBody: { content: { 'application/json': { examples: Record<string, { $ref: string }> } } } };
}>(spec.webhooks).flatMap((item) =>
  Object.values(item.post.requestBody.content['application/json'].examples).map(({ $ref }) => {
    const name = $ref.split('/').pop()!;
    return [name, spec.components.examples[name].value] as [string, { id: string }];
  }),
);
const timestamps = [
  new Date('2026-11-24T10:00:00.000Z'),
  new Date('2026-11-24T10:00:00.999Z'),
  new Date(0),
  new Date('2099-12-31T23:59:59Z'),
];

describe('createWebhookSigner', () => {
  it.each(examples)('%s: the same headers as standardwebhooks, for each secret and timestamp', (_name, event) => {
    const body = JSON.stringify(event);
    for (const secret of SECRETS) {
      const sign = createWebhookSigner(secret);
      for (const timestamp of timestamps)
        expect(sign(event.id, body, timestamp)).toEqual(signWebhook({ id: event.id, body, secret, timestamp }));
    }
  });

  it('signs what a receiver verifies, non-ASCII bodies included', () => {
    const event = structuredClone(examples[0]![1]) as { id: string; data: Record<string, unknown> };
    event.data.note = 'Grüße, 通话 ☎';
    const body = JSON.stringify(event);
    const headers = createWebhookSigner(SECRETS[0]!)(event.id, body);
    expect(verifyWebhook(body, headers, SECRETS[0]!, { now: () => new Date() })).toMatchObject({ id: event.id });
  });

  it.each([['whsec_'], ['whsec_abcde'], ['not-a-secret']])(
    'refuses %s at once, as the shared signer does',
    (secret) => {
      expect(() => createWebhookSigner(secret)).toThrow(TypeError);
    },
  );
});

describe('checkWebhookSecret', () => {
  it.each(SECRETS)('takes %s, as the shared signer does', (secret) => {
    expect(checkWebhookSecret(secret)).toEqual({ ok: true, value: undefined });
  });

  it.each(['whsec_', 'whsec_abcde', 'not-a-secret', 'whsec_====', ''])(
    'refuses %j with the shared signer’s rule, naming no secret',
    (secret) => {
      const checked = checkWebhookSecret(secret);
      expect(checked.ok).toBe(false);
      expect(!checked.ok && checked.reason).toMatch(/a secret must be whsec_/);
      const tail = secret.replace(/^whsec_/, '');
      if (tail !== '') expect(checked.ok || checked.reason.includes(tail)).toBe(false);
    },
  );
});
