// Delivery: at least once, retried on the spec's (compressed) schedule with the same
// webhook-id, Retry-After honoured, in order per session, and nothing dropped silently.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../src/webhook-dispatcher.js';
import { newSession, startGateway } from './support/gateway.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const SECRET = `whsec_${Buffer.from('mock-gateway-delivery-tests-key!').toString('base64')}`;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

async function setUp(options: { startDown?: boolean; retryScale?: number } = {}) {
  const receiver = await startReceiver(SECRET, { startDown: options.startDown ?? false });
  const gateway = await startGateway({ webhookUrl: receiver.url, webhookSecret: SECRET, retryScale: options.retryScale ?? 0.001 });
  cleanups.push(() => receiver.close(), () => gateway.close());
  return { receiver, gateway };
}
const attemptsOf = (receiver: Receiver, webhookId: string) => receiver.attempts.filter((attempt) => attempt.webhookId === webhookId);

it('a receiver that fails twice gets the event on the third attempt, with the same webhook-id', async () => {
  const { receiver, gateway } = await setUp();
  receiver.failNext(2, 500);
  const session = newSession();
  await gateway.command(session, 'disconnect');
  await receiver.waitFor(() => receiver.forSession(session).length >= 2);
  const [first] = receiver.forSession(session);
  await new Promise((resolve) => setTimeout(resolve, 50)); // the 204 is recorded once it is sent
  expect(attemptsOf(receiver, first!.webhookId).map(({ status }) => status)).toEqual([500, 500, 204]);
  expect(gateway.lines.filter((line) => line.includes(first!.webhookId)).map((line) => /attempt (\d)/.exec(line)?.[1])).toEqual(['1', '2', '3']);
  // Order per session held: call.hangup waited for command.result's delivery.
  expect(receiver.forSession(session).map(({ event }) => event.type)).toEqual(['command.result', 'call.hangup']);
});

it('a receiver that is down at first gets the event when it comes up', async () => {
  const { receiver, gateway } = await setUp({ startDown: true });
  const session = newSession();
  await gateway.command(session, 'hangup');
  // Attempts 1–3 (0 ms, 5 ms, 300 ms on the compressed schedule) find nobody.
  await new Promise((resolve) => setTimeout(resolve, 500));
  expect(receiver.events).toHaveLength(0);
  await receiver.up();
  await receiver.waitFor(() => receiver.forSession(session).length >= 2, 15_000);
  expect(gateway.lines.some((line) => / attempt 1 → ECONNREFUSED/.test(line))).toBe(true);
});

it('honours Retry-After on a 503', async () => {
  const { receiver, gateway } = await setUp();
  receiver.failNext(1, 503, 1);
  const session = newSession();
  await gateway.command(session, 'disconnect');
  await receiver.waitFor(() => receiver.forSession(session).length >= 1);
  const [first] = receiver.forSession(session);
  await new Promise((resolve) => setTimeout(resolve, 50)); // the 204 is recorded once it is sent
  const attempts = attemptsOf(receiver, first!.webhookId);
  expect(attempts.map(({ status }) => status)).toEqual([503, 204]);
  // The compressed schedule alone would retry after 5 ms; Retry-After: 1 makes it wait a second.
  expect(attempts[1]!.at - attempts[0]!.at).toBeGreaterThanOrEqual(990);
});

it('logs an event whose attempts run out as undelivered', async () => {
  const { receiver, gateway } = await setUp({ retryScale: 0.00001 });
  receiver.failNext(1_000, 500);
  const session = newSession();
  await gateway.command(session, 'disconnect');
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const undelivered = gateway.lines.filter((line) => line.includes('undelivered'));
  // command.result exhausted its 8 attempts; call.hangup, queued behind it, then did too.
  expect(undelivered.length).toBeGreaterThanOrEqual(1);
  expect(undelivered[0]).toMatch(/webhook command\.result evt_\w+ .*exhausted its attempts/);
  expect(receiver.attempts.filter(({ status }) => status === 500).length).toBeGreaterThanOrEqual(8);
  expect(gateway.dispatcher!.stats.undelivered).toBeGreaterThanOrEqual(1);
});

it('an attempt the receiver does not answer in time fails, and the next one delivers', async () => {
  // A receiver that swallows its first request and never answers, then answers the rest.
  const seen: string[] = [];
  const stalling = createServer((req, res) => {
    seen.push(String(req.headers['webhook-id']));
    req.resume();
    if (seen.length > 1) res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => {
    stalling.closeAllConnections();
    stalling.close(() => resolve());
  }));
  const webhookUrl = `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/hooks`;
  const gateway = await startGateway({ webhookUrl, webhookSecret: SECRET, deliveryTimeoutMs: 200 });
  cleanups.push(() => gateway.close());

  await gateway.command(newSession(), 'disconnect');
  const deadline = Date.now() + 5_000;
  while (gateway.dispatcher!.stats.delivered < 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
  expect(gateway.dispatcher!.stats).toMatchObject({ delivered: 2, undelivered: 0 });
  expect(seen[0]).toBe(seen[1]); // the retry is the same event
  expect(gateway.lines.find((line) => line.includes(`${seen[0]} attempt 1`))).toMatch(/attempt 1 → timeout/);
});

it('without a webhook URL, each webhook is logged as not sent', async () => {
  const gateway = await startGateway();
  cleanups.push(() => gateway.close());
  const session = newSession();
  await gateway.command(session, 'hangup');
  expect(gateway.lines.filter((line) => line.includes('not sent: no webhook URL')).map((line) => line.split(' ')[1])).toEqual([
    'command.result',
    'call.hangup',
  ]);
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  it.each([
    ['seconds', { given: '7', want: 7_000 }],
    ['seconds with spaces', { given: ' 0 ', want: 0 }],
    ['an HTTP-date', { given: 'Tue, 24 Nov 2026 10:00:30 GMT', want: 30_000 }],
    ['an HTTP-date in the past', { given: 'Tue, 24 Nov 2026 09:00:00 GMT', want: 0 }],
    ['absent', { given: undefined, want: undefined }],
    ['nonsense', { given: 'soon', want: undefined }],
    ['a negative number', { given: '-5', want: undefined }],
  ])('%s', (_name, { given, want }) => {
    expect(parseRetryAfter(given, now)).toBe(want);
  });
});
