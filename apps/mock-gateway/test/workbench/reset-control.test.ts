// POST /__mock/reset against a live mock: everything forgotten and counted, the webhooks still
// waiting cancelled (never sent later), the stream told, bad bodies refused — and a session the
// mock knew before is new again after it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { control, readStream } from '../support/control-plane.js';
import { newSession, startGateway } from '../support/gateway.js';
import { startReceiver } from '../support/receiver.js';
import { PROBLEM_TYPE_BASE } from '../support/spec.js';

const SECRET = `whsec_${Buffer.from('mock-gateway-reset-tests-secret!').toString('base64')}`;

describe('POST /__mock/reset', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.close());

  it('forgets sessions, keys and both journals, says how many of each, and tells the stream', async () => {
    await control(gateway.url, 'POST', '/__mock/reset'); // from a known start
    const session = newSession();
    await gateway.command(session, 'answer', { command_uid: 'k-1' });
    await gateway.command(session, 'hangup', { command_uid: 'k-2' });
    const { response, body } = await control(gateway.url, 'POST', '/__mock/reset');
    expect(response.status).toBe(200);
    // The hangup's call.hangup is due 50 ms on: journaled by then, else still pending (and cancelled).
    const { deliveries, pending_webhooks, ...rest } = body.dropped;
    expect(rest).toEqual({ sessions: 1, idempotency_keys: 2, requests: 2 });
    expect(deliveries + pending_webhooks).toBe(4);
    expect((await control(gateway.url, 'GET', '/__mock/requests')).body.requests).toEqual([]);
    expect((await control(gateway.url, 'GET', '/__mock/deliveries')).body.deliveries).toEqual([]);
    // The session is forgotten: its UUID is a new ringing call, and its keys are new again.
    expect((await control(gateway.url, 'GET', `/__mock/sessions/${session}`)).response.status).toBe(404);
    expect(
      (await gateway.command(session, 'answer', { command_uid: 'k-1' })).headers.get('idempotent-replayed'),
    ).toBeNull();
    // The stream's history starts at the reset.
    // (The answer's webhooks are journaled when due, 20 ms after its command.)
    const messages = await readStream(
      gateway.url,
      (seen) => seen.filter(({ event }) => event === 'delivery').length === 2,
    );
    expect(messages.map(({ event }) => event)).toEqual([
      'reset',
      'session',
      'session',
      'command',
      'delivery',
      'delivery',
    ]);
    expect(messages[0]!.data).toEqual(body.dropped);
  });

  it.each([
    ['{}', '{}', 200],
    ['none', '', 200],
    ['a member', '{"sessions": true}', 422],
    ['an array', '[]', 422],
    ['broken JSON', '{"a":', 400],
    ['2,000 bytes', 'x'.repeat(2_000), 413],
  ])('answers a body of %s with %i', async (_name, raw, status) => {
    const { response, body } = await control(gateway.url, 'POST', '/__mock/reset', {
      headers: { 'content-type': 'application/json' },
      body: raw,
    });
    expect(response.status).toBe(status);
    if (status === 422)
      expect(body).toMatchObject({ type: `${PROBLEM_TYPE_BASE}mock-control-invalid`, errors: [{ pointer: '' }] });
  });
});

it('cancels the webhooks waiting for delivery: none of them reaches the receiver later', async () => {
  // A receiver that is down: every attempt fails and is retried on the schedule (scaled).
  const receiver = await startReceiver(SECRET, { startDown: true });
  const gateway = await startGateway({ webhookUrl: receiver.url, webhookSecret: SECRET });
  try {
    const sessions = [newSession(), newSession()];
    for (const session of sessions) await gateway.command(session, 'answer');
    // Due 20 ms on: by then they are journaled and queued, their first attempts failing.
    await new Promise((resolve) => setTimeout(resolve, 60));
    const { body } = await control(gateway.url, 'POST', '/__mock/reset');
    expect(body.dropped).toMatchObject({ sessions: 2, pending_webhooks: 4, deliveries: 4 });
    expect(gateway.stats().webhooks.queued).toBe(0);
    await receiver.up();
    const attempts = gateway.stats().webhooks.attempts;
    // The schedule's third step (300 s, scaled by the default 0.001: 300 ms) passes with nothing sent.
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(receiver.events).toEqual([]);
    expect(gateway.stats().webhooks.attempts).toBe(attempts);
    // A command after the reset is delivered as usual.
    const after = newSession();
    await gateway.command(after, 'answer');
    await receiver.waitFor(() => receiver.forSession(after).length === 2);
    expect(receiver.events.every(({ event }) => event.data.session_uuid === after)).toBe(true);
  } finally {
    await gateway.close();
    await receiver.close();
  }
});
