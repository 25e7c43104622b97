// Without a webhook URL the mock is an inbox: each planned event journaled `not_sent` and
// logged as not sent, nothing queued, nothing waited for, and a resend refused.
import { Writable } from 'node:stream';
import FakeTimers from '@sinonjs/fake-timers';
import { expect, it } from 'vitest';
import type { PlannedEvent } from '../../src/commands/command-plan.js';
import { createInboxDispatcher } from '../../src/delivery/inbox-dispatcher.js';
import { createLog } from '../../src/common/log.js';
import { createDeliveryJournal } from '../../src/workbench/delivery-journal.js';

const events = [
  { event: { id: 'evt_1', type: 'command.result', data: { session_uuid: 's-1', operation_id: null } }, dueAt: 1_000 },
  { event: { id: 'evt_2', type: 'call.hangup', data: { session_uuid: 's-1', operation_id: null } }, dueAt: 1_050 },
] as unknown as PlannedEvent[];

function inbox({ quiet = false } = {}) {
  const lines: string[] = [];
  const stream = new Writable({
    write: (chunk, _encoding, done) => {
      lines.push(String(chunk).trim());
      done();
    },
  });
  const fake = FakeTimers.createClock(1_000);
  const journal = createDeliveryJournal({ size: 10 });
  const dispatcher = createInboxDispatcher({
    log: createLog({ format: 'json', stream, quiet }),
    clock: { now: () => fake.now, setTimeout: fake.setTimeout, clearTimeout: fake.clearTimeout },
    observer: journal,
  });
  return { dispatcher, journal, lines };
}

it('journals each event as not_sent and logs it as not sent, with when it was due', () => {
  const { dispatcher, journal, lines } = inbox();
  dispatcher.send('s-1', events);
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

it('under --quiet journals them still, and writes no line', () => {
  const { dispatcher, journal, lines } = inbox({ quiet: true });
  dispatcher.send('s-1', events);
  expect(journal.list()).toHaveLength(2);
  expect(lines).toEqual([]);
});

it('never makes a command wait, refuses a resend, counts nothing and drains at once', async () => {
  const { dispatcher, journal } = inbox();
  dispatcher.send('s-1', events);
  expect(dispatcher.waitForCapacity()).toBeUndefined();
  expect(dispatcher.resend('s-1', events[0]!.event)).toEqual({ ok: false, reason: 'no-webhook-url' });
  expect(journal.get('evt_1')?.state).toBe('not_sent'); // the refused resend changed nothing
  expect(dispatcher.stats).toEqual({ delivered: 0, undelivered: 0, overflowed: 0, attempts: 0, queued: 0 });
  await expect(dispatcher.drain(5_000)).resolves.toBeUndefined();
});
