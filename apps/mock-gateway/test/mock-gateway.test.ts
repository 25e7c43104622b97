// startMockGateway: what it wires together, as a caller sees it.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateWebhookSecret, startMockGateway } from '../src/mock-gateway.js';
import { AUTH, newSession } from './support/gateway.js';
import { spec } from './support/spec.js';

const dir = mkdtempSync(join(tmpdir(), 'mock-gateway-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('startMockGateway', () => {
  it('listens where asked, reports its URL, generates a secret, and closes once however often asked', async () => {
    const gateway = await startMockGateway({ port: 0, quiet: true });
    expect(gateway.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(gateway.inspectorUrl).toBe(`${gateway.url}/__mock/`);
    expect(gateway.webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(gateway).not.toHaveProperty('dispatcher'); // its counts are in stats()
    const response = await fetch(`${gateway.url}/api/v1/sessions/${newSession()}/commands/answer`, {
      method: 'POST',
      headers: AUTH,
    });
    expect(response.status).toBe(202);
    // No webhook URL: the webhooks are journaled, nothing is sent or counted.
    expect(gateway.stats()).toEqual({
      commandsAccepted: 1,
      webhooks: { delivered: 0, undelivered: 0, overflowed: 0, attempts: 0, queued: 0 },
    });
    const preferred = await fetch(`${gateway.url}/api/v1/sessions/${newSession()}/commands/answer`, {
      method: 'POST',
      headers: { ...AUTH, Prefer: 'code=409' },
    });
    expect(preferred.status).toBe(409);
    expect(gateway.close()).toBe(gateway.close());
    await gateway.close();
    expect(gateway.server.listening).toBe(false);
  });

  it('serves the bundle at specPath: its timing is what the envelope says', async () => {
    const copy = structuredClone(spec);
    copy.paths['/api/v1/sessions/{uuid}/commands/answer'].post['x-webhooks-triggered'].timeout_ms = 4321;
    const specPath = join(dir, 'openapi.json');
    writeFileSync(specPath, JSON.stringify(copy));
    const gateway = await startMockGateway({ port: 0, quiet: true, specPath });
    try {
      const response = await fetch(`${gateway.url}/api/v1/sessions/${newSession()}/commands/answer`, {
        method: 'POST',
        headers: AUTH,
      });
      expect((await response.json()).timeout_ms).toBe(4321);
    } finally {
      await gateway.close();
    }
  });

  it('refuses a port in use with the error, not a crash', async () => {
    const first = await startMockGateway({ port: 0, quiet: true });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startMockGateway({ port, quiet: true })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});

it('generateWebhookSecret makes a fresh whsec_ secret of 24 random bytes each time', () => {
  const [a, b] = [generateWebhookSecret(), generateWebhookSecret()];
  expect(Buffer.from(a.slice('whsec_'.length), 'base64')).toHaveLength(24);
  expect(a).not.toBe(b);
});
