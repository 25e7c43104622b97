import { afterEach, expect, it } from 'vitest';
import { startWebhookListener, type WebhookListener } from '../../src/gateway/webhook-listener.js';

const sessionOf = (event: Record<string, unknown>) =>
  (event.data as { session_uuid?: string } | undefined)?.session_uuid;
let listener: WebhookListener | undefined;
afterEach(() => listener?.close());

const post = (url: string, body: string, headers: Record<string, string> = {}) =>
  fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

it('records each attempt — raw body, headers, arrival — and answers 204', async () => {
  listener = await startWebhookListener('127.0.0.1', 0, sessionOf);
  const body = ' {"id":"evt_1","data":{"session_uuid":"s-1"}}';
  const response = await post(`${listener.url}webhooks`, body, { 'webhook-id': 'evt_1' });
  expect(response.status).toBe(204);
  expect(listener.attempts).toEqual([
    expect.objectContaining({
      seq: 0,
      body,
      webhookId: 'evt_1',
      answered: 204,
      event: { id: 'evt_1', data: { session_uuid: 's-1' } },
    }),
  ]);
  expect(listener.attempts[0]!.headers['webhook-id']).toBe('evt_1');
  expect(Math.abs(listener.attempts[0]!.wallClock - Date.now())).toBeLessThan(5_000);
  await post(listener.url, 'not json');
  expect(listener.attempts[1]).toMatchObject({ event: undefined, body: 'not json' });
  expect(listener.forSession('s-1')).toHaveLength(1);
});

it('answers a session’s attempts as a case scripts them, knowing the ones before', async () => {
  listener = await startWebhookListener('127.0.0.1', 0, sessionOf);
  listener.script('s-2', (_attempt, earlier) =>
    earlier.length === 0 ? { status: 503, headers: { 'retry-after': '7' } } : undefined,
  );
  const body = '{"data":{"session_uuid":"s-2"}}';
  const first = await post(listener.url, body);
  expect([first.status, first.headers.get('retry-after')]).toEqual([503, '7']);
  expect((await post(listener.url, body)).status).toBe(204);
  expect((await post(listener.url, '{"data":{"session_uuid":"s-3"}}')).status).toBe(204);
  const [a, b] = listener.forSession('s-2');
  expect(a!.answeredAt).toBeGreaterThanOrEqual(a!.arrivedAt);
  expect(b!.arrivedAt).toBeGreaterThan(a!.answeredAt);
});

it('waits until a condition holds, or until the deadline', async () => {
  listener = await startWebhookListener('127.0.0.1', 0, sessionOf);
  const current = listener;
  const arrived = current.until(() => current.attempts.length > 0, performance.now() + 5_000);
  await post(current.url, '{}');
  expect(await arrived).toBe(true);
  const started = performance.now();
  expect(await current.until(() => false, started + 60)).toBe(false);
  expect(performance.now() - started).toBeGreaterThanOrEqual(55);
  expect(await current.until(() => true, 0)).toBe(true);
});

it('rejects with the listen error when the port is taken', async () => {
  listener = await startWebhookListener('127.0.0.1', 0, sessionOf);
  const { port } = new URL(listener.url);
  await expect(startWebhookListener('127.0.0.1', Number(port), sessionOf)).rejects.toMatchObject({
    code: 'EADDRINUSE',
  });
});
