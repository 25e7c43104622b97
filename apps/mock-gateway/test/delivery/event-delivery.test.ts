// One event's delivery against a real receiver, its waits on a fake clock: attempt after
// attempt on the schedule until a 2xx, each logged, counted and reported; given up on by name
// when the attempts run out (but not a duplicate's copy); stopped without a word by shutdown.
import { Writable } from 'node:stream';
import FakeTimers from '@sinonjs/fake-timers';
import { afterEach, expect, it, vi } from 'vitest';
import { planCommand } from '../../src/commands/command-plan.js';
import { createCommandTable } from '../../src/commands/command-table.js';
import { createSessionStore } from '../../src/commands/sessions.js';
import { createDeliveryAttempts } from '../../src/delivery/delivery-attempt.js';
import { createDeliveryFlow } from '../../src/delivery/delivery-flow.js';
import type { DeliveryObserver, DispatcherStats } from '../../src/delivery/delivery-reports.js';
import { createDeliveryWaits } from '../../src/delivery/delivery-waits.js';
import { createEventDelivery } from '../../src/delivery/event-delivery.js';
import { createRetrySchedule } from '../../src/delivery/retry-schedule.js';
import type { Clock } from '../../src/common/clock.js';
import { createLog } from '../../src/common/log.js';
import { loadSpecModel } from '../../src/common/spec-model.js';
import { startReceiver } from '../support/receiver.js';

const SECRET = `whsec_${Buffer.from('mock-gateway-event-delivery-key!').toString('base64')}`;
const model = loadSpecModel();
const event = (() => {
  const session = createSessionStore().get(crypto.randomUUID());
  const entry = createCommandTable(model).get('hangup')!;
  return planCommand(model, { entry, session, body: {}, result: 'succeeded', now: new Date() }).events[0]!.event;
})();

const cleanups: (() => Promise<unknown> | undefined)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** An event delivery to a real receiver on a three-step schedule (0, 10 s, 60 s), its waits on a fake clock. */
async function deliveryTo({ startDown = false } = {}) {
  const receiver = await startReceiver(SECRET, { startDown });
  cleanups.push(() => receiver.close());
  const fake = FakeTimers.createClock(Date.now());
  const clock: Clock = {
    now: () => fake.now,
    setTimeout: (callback, ms) => fake.setTimeout(callback, ms),
    clearTimeout: (id) => fake.clearTimeout(id as never),
  };
  const attempts = createDeliveryAttempts({
    url: new URL(receiver.url),
    secret: SECRET,
    retryAfterStatuses: [503],
    attemptTimeoutMs: 5_000,
    clock: { ...clock, setTimeout: setTimeout as never, clearTimeout: clearTimeout as never },
  });
  cleanups.push(() => attempts.close());
  const lines: string[] = [];
  const told: string[] = [];
  const observer: DeliveryObserver = {
    planned: () => {},
    resent: () => {},
    attempt: (planned, { status, duplicate }) => told.push(`${planned.id} ${status}${duplicate ? ' duplicate' : ''}`),
    undelivered: (planned) => told.push(`${planned.id} undelivered`),
    waiting: (planned, { reason, until }) => told.push(`${planned.id} waits ${reason} until ${until}`),
  };
  const waits = createDeliveryWaits(clock);
  const stats: DispatcherStats = { delivered: 0, undelivered: 0, overflowed: 0, attempts: 0, queued: 0 };
  const delivery = createEventDelivery({
    attempts,
    schedule: createRetrySchedule([0, 10, 60], 1),
    flow: createDeliveryFlow({ clock }),
    waits,
    stats,
    log: createLog({
      stream: new Writable({
        write: (chunk, _encoding, done) => {
          lines.push(String(chunk).trim());
          done();
        },
      }),
    }),
    clock,
    observer,
  });
  return { receiver, fake, waits, stats, lines, told, delivery };
}

it('tries again on the schedule until a 2xx, with the same webhook-id; each attempt logged, counted, reported', async () => {
  const { receiver, fake, stats, lines, told, delivery } = await deliveryTo();
  receiver.failNext(1, 500);
  const delivered = delivery.deliver(event, 's-1');
  await vi.waitFor(() => expect(stats.attempts).toBe(1));
  await fake.tickAsync(10_000);
  expect(await delivered).toBe(true);
  expect(receiver.attempts.map(({ webhookId, status }) => [webhookId, status])).toEqual([
    [event.id, 500],
    [event.id, 204],
  ]);
  expect(stats).toMatchObject({ attempts: 2, delivered: 1, undelivered: 0 });
  expect(told).toEqual([`${event.id} 500`, `${event.id} waits retry until ${fake.now}`, `${event.id} 204`]);
  expect(lines.map((line) => /attempt (\d) → (\d+)/.exec(line)?.slice(1))).toEqual([
    ['1', '500'],
    ['2', '204'],
  ]);
});

it('gives up after the last attempt, and says so by name, once', async () => {
  const { fake, stats, lines, told, delivery } = await deliveryTo({ startDown: true });
  const delivered = delivery.deliver(event, 's-1');
  for (const [step, attempts] of [
    [10_000, 2],
    [60_000, 3],
  ] as const) {
    await vi.waitFor(() => expect(stats.attempts).toBe(attempts - 1));
    await fake.tickAsync(step);
  }
  expect(await delivered).toBe(false);
  expect(stats).toMatchObject({ attempts: 3, delivered: 0, undelivered: 1 });
  expect(told.at(-1)).toBe(`${event.id} undelivered`);
  expect(lines.filter((line) => line.startsWith('WARN undelivered'))).toEqual([
    `WARN undelivered: webhook ${event.type} ${event.id} (session s-1, operation ${event.data.operation_id}) exhausted its attempts`,
  ]);
});

it('a duplicate copy that never arrives is no loss: not given up on', async () => {
  const { fake, stats, told, delivery } = await deliveryTo({ startDown: true });
  const delivered = delivery.deliver(event, 's-1', true);
  await vi.waitFor(() => expect(stats.attempts).toBe(1));
  await fake.tickAsync(10_000);
  await vi.waitFor(() => expect(stats.attempts).toBe(2));
  await fake.tickAsync(60_000);
  expect(await delivered).toBe(false);
  expect(stats.undelivered).toBe(0);
  expect(told.every((line) => line.endsWith('duplicate'))).toBe(true);
});

it('stops between attempts when shutdown ends the waits, without a word (the dispatcher reports what it left)', async () => {
  const { waits, stats, told, delivery } = await deliveryTo({ startDown: true });
  const delivered = delivery.deliver(event, 's-1');
  await vi.waitFor(() => expect(stats.attempts).toBe(1)); // now waiting out the 10 s step
  waits.stop();
  expect(await delivered).toBe(false);
  expect(stats).toMatchObject({ attempts: 1, undelivered: 0 });
  expect(told).toEqual([`${event.id} ECONNREFUSED`, expect.stringMatching(`^${event.id} waits retry until \\d+$`)]);
});

it('says a retry waits for the receiver’s Retry-After, and until when', async () => {
  const { receiver, fake, stats, told, delivery } = await deliveryTo();
  receiver.failNext(1, 503, 30);
  const started = fake.now;
  const delivered = delivery.deliver(event, 's-1');
  await vi.waitFor(() => expect(stats.attempts).toBe(1));
  expect(told).toEqual([`${event.id} 503`, `${event.id} waits retry_after until ${started + 30_000}`]);
  await fake.tickAsync(30_000);
  expect(await delivered).toBe(true);
});
