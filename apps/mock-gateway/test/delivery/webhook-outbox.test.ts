// Where planned webhooks go: the dispatcher, or — without a webhook URL — the log, each one.
import FakeTimers from '@sinonjs/fake-timers';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it, vi } from 'vitest';
import { systemClock } from '../../src/shared/clock.js';
import type { PlannedEvent } from '../../src/commands/command-plan.js';
import { createDeliveryJournal } from '../../src/workbench/delivery-journal.js';
import { createLog } from '../../src/shared/log.js';
import { createWebhookDispatcher } from '../../src/delivery/webhook-dispatcher.js';
import { createWebhookOutbox } from '../../src/delivery/webhook-outbox.js';
import { Writable } from 'node:stream';

const events = [
  { event: { id: 'evt_1', type: 'command.result' }, dueAt: 1_000 },
  { event: { id: 'evt_2', type: 'call.hangup' }, dueAt: 1_050 },
] as unknown as PlannedEvent[];

it('without a dispatcher, logs each event as not sent, with when it was due', () => {
  const lines: string[] = [];
  const stream = new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk).trim()), done()) });
  const fake = FakeTimers.createClock(1_000);
  const journal = createDeliveryJournal({ size: 10 });
  const outbox = createWebhookOutbox({
    dispatcher: undefined,
    log: createLog({ format: 'json', stream }),
    clock: { now: () => fake.now, setTimeout: fake.setTimeout, clearTimeout: fake.clearTimeout },
    journal,
  });
  outbox.send(
    's-1',
    events.map((planned) => ({
      ...planned,
      event: { ...planned.event, data: { session_uuid: 's-1', operation_id: null } },
    })) as PlannedEvent[],
  );
  // Journaled as well: the mock is an inbox.
  expect(journal.list().map(({ id, state }) => [id, state])).toEqual([
    ['evt_1', 'not_sent'],
    ['evt_2', 'not_sent'],
  ]);
  expect(lines.map((line) => JSON.parse(line))).toEqual([
    expect.objectContaining({
      message: 'webhook command.result evt_1 (session s-1) not sent: no webhook URL',
      id: 'evt_1',
      due_in_ms: 0,
    }),
    expect.objectContaining({
      message: 'webhook call.hangup evt_2 (session s-1) not sent: no webhook URL',
      id: 'evt_2',
      due_in_ms: 50,
    }),
  ]);
});

it('with a dispatcher, hands it the session and its events, which are delivered in order', async () => {
  const received: string[] = [];
  const receiver = createServer((req, res) => {
    received.push(String(req.headers['webhook-id']));
    req.resume().on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const dispatcher = createWebhookDispatcher({
    url: new URL(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`),
    secret: `whsec_${Buffer.from('outbox-test-secret-of-32-bytes!!').toString('base64')}`,
    retryScheduleS: [0],
    retryAfterStatuses: [503],
    retryScale: 1,
    attemptTimeoutMs: 5_000,
    log: createLog({ quiet: true }),
  });
  const journal = createDeliveryJournal({ size: 10 });
  const outbox = createWebhookOutbox({ dispatcher, log: createLog({ quiet: true }), clock: systemClock, journal });
  const now = Date.now();
  outbox.send(
    's-1',
    events.map((planned) => ({
      ...planned,
      event: { ...planned.event, data: { session_uuid: 's-1', operation_id: null } },
      dueAt: now,
    })) as PlannedEvent[],
  );
  expect(journal.list().map(({ state }) => state)).toEqual(['pending', 'pending']);
  await vi.waitFor(() => expect(dispatcher.stats.delivered).toBe(2));
  expect(received).toEqual(['evt_1', 'evt_2']);
  await dispatcher.drain(0);
  await new Promise((resolve) => receiver.close(resolve));
});
