// Receiver faults: down for 20 s, answering 500, answering slower than the delivery timeout,
// resetting the connection. Once it recovers every event is delivered (at least once), a
// deduping handler runs each exactly once, and per-session order holds.
import type { WebhookEvent } from '@call-control/types';
import { afterEach, expect, it, vi } from 'vitest';
import { newSession, startGateway } from '../support/gateway.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

const SECRET = `whsec_${Buffer.from('mock-gateway-receiver-faults-key').toString('base64')}`;
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** Per session, the webhook types each accepted command triggers, in order. */
const EXPECTED = ['call.answered', 'command.result', 'command.result', 'call.hangup'];

async function runFault(
  name: string,
  options: { deliveryTimeoutMs?: number; startDown?: boolean },
  inject: (receiver: Receiver) => void | Promise<void>,
) {
  const receiver = await startReceiver(SECRET, { startDown: options.startDown ?? false });
  const gateway = await startGateway({
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    ...(options.deliveryTimeoutMs ? { deliveryTimeoutMs: options.deliveryTimeoutMs } : {}),
  });
  cleanups.push(
    () => receiver.close(),
    () => gateway.close(),
  );

  const sessions = Array.from({ length: 10 }, newSession);
  const faultDone = inject(receiver);
  for (const session of sessions) {
    expect((await gateway.command(session, 'answer')).status).toBe(202);
    expect((await gateway.command(session, 'hangup', { cause: 'NORMAL_CLEARING' })).status).toBe(202);
  }
  await faultDone;
  const expected = sessions.length * EXPECTED.length;
  await receiver.waitFor((events) => events.length >= expected, 60_000);
  // Everything is settled: nothing queued at the gateway, nothing still being handled at the
  // receiver (a slow first attempt, abandoned by the gateway, finishes after its retry).
  await vi.waitFor(() => expect([gateway.stats().webhooks.queued, receiver.inFlight]).toEqual([0, 0]), {
    timeout: 60_000,
  });

  for (const session of sessions) {
    expect(
      receiver.forSession(session).map(({ event }) => event.type),
      `${name}: order in session ${session}`,
    ).toEqual(EXPECTED);
  }
  const ids = receiver.events.map(({ event }: { event: WebhookEvent }) => event.id);
  expect(new Set(ids).size).toBe(expected); // each handled exactly once
  expect(receiver.events).toHaveLength(expected);
  expect(gateway.stats().webhooks.undelivered).toBe(0);
  const counts = {
    fault: name,
    attempts: receiver.attempts.length,
    delivered: receiver.events.length,
    duplicatesSuppressed: receiver.duplicatesSuppressed,
    lost: expected - receiver.events.length,
  };
  console.log(`receiver fault: ${JSON.stringify(counts)}`);
  return counts;
}

it('a receiver down for 20 s gets every event once it is back', async () => {
  const counts = await runFault('down for 20 s', { startDown: true }, (receiver) => {
    setTimeout(() => void receiver.up(), 20_000);
  });
  expect(counts.attempts).toBe(counts.delivered); // the first attempt after it came up succeeded
}, 90_000);

it('a receiver answering 500 for a while gets every event', async () => {
  const counts = await runFault('answering 500', {}, (receiver) => receiver.failNext(25, 500));
  expect(counts.attempts).toBe(counts.delivered + 25);
});

it('a receiver slower than the delivery timeout handles each event once', async () => {
  // The first 5 attempts take 400 ms against a 150 ms timeout: the gateway retries them while
  // the receiver is still handling them, and the dedupe store catches the retries.
  const counts = await runFault('slower than the timeout', { deliveryTimeoutMs: 150 }, (receiver) =>
    receiver.faultNext(5, { delayMs: 400 }),
  );
  expect(counts.duplicatesSuppressed).toBeGreaterThanOrEqual(1);
});

it('a receiver resetting connections gets every event', async () => {
  const counts = await runFault('resetting the connection', {}, (receiver) => receiver.faultNext(12, 'reset'));
  expect(counts.attempts).toBe(counts.delivered + 12);
});
