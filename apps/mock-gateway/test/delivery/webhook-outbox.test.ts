// The outbox picks what stands behind it once: with a webhook URL the dispatcher, which POSTs
// each event; without one the inbox. Either way the journal hears of each event first.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it, vi } from 'vitest';
import type { PlannedEvent } from '../../src/commands/command-plan.js';
import { createWebhookOutbox, type WebhookOutboxOptions } from '../../src/delivery/webhook-outbox.js';
import { createLog } from '../../src/common/log.js';
import { createDeliveryJournal } from '../../src/workbench/delivery-journal.js';

const options = (url: URL | undefined): WebhookOutboxOptions => ({
  url,
  secret: `whsec_${Buffer.from('outbox-test-secret-of-32-bytes!!').toString('base64')}`,
  retryScheduleS: [0],
  retryAfterStatuses: [503],
  retryScale: 1,
  attemptTimeoutMs: 5_000,
  log: createLog({ quiet: true }),
});

const eventsDue = (at: number) =>
  ['evt_1', 'evt_2'].map((id) => ({
    event: { id, type: 'command.result', data: { session_uuid: 's-1', operation_id: null } },
    dueAt: at,
  })) as unknown as PlannedEvent[];

it('with a webhook URL, delivers the session events in order, journaled pending first', async () => {
  const received: string[] = [];
  const receiver = createServer((req, res) => {
    received.push(String(req.headers['webhook-id']));
    req.resume().on('end', () => res.writeHead(204).end());
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const journal = createDeliveryJournal({ size: 10 });
  const url = new URL(`http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`);
  const outbox = createWebhookOutbox({ ...options(url), observer: journal });
  outbox.send('s-1', eventsDue(Date.now()));
  expect(journal.list().map(({ state }) => state)).toEqual(['pending', 'pending']);
  await vi.waitFor(() => expect(outbox.stats.delivered).toBe(2));
  expect(received).toEqual(['evt_1', 'evt_2']);
  expect(journal.list().map(({ state }) => state)).toEqual(['delivered', 'delivered']);
  await outbox.drain(0);
  await new Promise((resolve) => receiver.close(resolve));
});

it('without one, is the inbox: journaled not_sent, and a resend refused', async () => {
  const journal = createDeliveryJournal({ size: 10 });
  const outbox = createWebhookOutbox({ ...options(undefined), observer: journal });
  const events = eventsDue(Date.now());
  outbox.send('s-1', events);
  expect(journal.list().map(({ state }) => state)).toEqual(['not_sent', 'not_sent']);
  expect(outbox.resend('s-1', events[0]!.event)).toEqual({ ok: false, reason: 'no-webhook-url' });
  await outbox.drain(0);
});
