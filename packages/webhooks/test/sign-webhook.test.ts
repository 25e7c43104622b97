// signWebhook against an HMAC computed independently with node:crypto.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signWebhook } from '../src/sign-webhook.js';
import { KEY, OTHER_SECRET, SECRET } from './support/fixtures.js';

const independentSignature = (key: Buffer, id: string, seconds: number, body: string | Uint8Array) =>
  `v1,${createHmac('sha256', key).update(`${id}.${seconds}.`).update(body).digest('base64')}`;

describe('signWebhook', () => {
  const id = 'evt_5b0e2c1f9d8a4e7b8c6d5e4f3a2b1c0d';
  const body = '{"id":"evt_5b0e2c1f9d8a4e7b8c6d5e4f3a2b1c0d","type":"command.result"}';
  const timestamp = new Date('2026-11-24T10:00:03.900Z');

  it('produces the Standard Webhooks headers', () => {
    expect(signWebhook({ id, body, secret: SECRET, timestamp })).toEqual({
      'webhook-id': id,
      'webhook-timestamp': '1795514403',
      'webhook-signature': independentSignature(KEY, id, 1795514403, body),
    });
  });

  it('signs once per secret during a rotation, space-separated', () => {
    const headers = signWebhook({ id, body, secret: [SECRET, OTHER_SECRET], timestamp });
    expect(headers['webhook-signature'].split(' ')).toEqual([
      independentSignature(KEY, id, 1795514403, body),
      independentSignature(Buffer.from('another-key-for-secret-rotation!'), id, 1795514403, body),
    ]);
  });

  // Bytes are signed as they are: a BOM, or bytes that are not UTF-8, are not decoded away.
  it.each([
    ['a BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)])],
    ['a byte that is not UTF-8', Buffer.concat([Buffer.from(body), Buffer.from([0xff])])],
  ])('signs bytes with %s as they are', (_name, bytes) => {
    const { 'webhook-signature': signature } = signWebhook({
      id,
      body: new Uint8Array(bytes),
      secret: SECRET,
      timestamp,
    });
    expect(signature).toBe(independentSignature(KEY, id, 1795514403, bytes));
    // (what it would be over the text a default TextDecoder makes of them: BOM dropped, U+FFFD)
    expect(signature).not.toBe(independentSignature(KEY, id, 1795514403, new TextDecoder().decode(bytes)));
  });

  it('rejects an empty secret list', () => {
    expect(() => signWebhook({ id, body, secret: [] })).toThrow('at least one whsec_ secret');
  });

  it.each(['', 'whsec_', 'hunter2hunter2', 'whsec_abcde'])('rejects the secret %j with a TypeError', (secret) => {
    expect(() => signWebhook({ id, body, secret })).toThrow(TypeError);
  });
});
