// The delivery journal: the store itself (states, attempts, bounds, filters, snapshots), and
// what a receiver's author reads from GET /__mock/deliveries after driving a call.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEvent } from '@call-control/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  createDeliveryJournal,
  type Delivery,
  type DeliveryChange,
  KEPT_LATEST_ATTEMPTS,
} from '../../src/workbench/delivery-journal.js';
import { control } from '../support/control-plane.js';
import { startGateway } from '../support/gateway.js';
import { useGatewayWithReceiver } from '../support/gateway-with-receiver.js';
import { specViolations } from '../support/spec.js';

const event = (id: string, type: WebhookEvent['type'], session = 's-1', operation: string | null = 'op-1') =>
  ({
    id,
    type,
    timestamp: '2026-01-01T00:00:00.000Z',
    data: { session_uuid: session, operation_id: operation },
  }) as unknown as WebhookEvent;

/** What an attempt was sent with and got back, as the dispatcher reports it. */
const SENT = {
  requestHeaders: { 'webhook-id': 'evt_1', 'webhook-timestamp': '1767225600', 'webhook-signature': 'v1,c2ln' },
  responseStart: 'ok',
};

/** A delivery's payload against the spec's schema for its webhook. */
const payloadViolations = ({ type, payload }: Delivery) =>
  specViolations(`#/webhooks/${type}/post/requestBody/content/application~1json/schema`, payload);

describe('createDeliveryJournal', () => {
  it('enters each event with its state, adds attempts in order, and a 2xx makes it delivered', () => {
    const journal = createDeliveryJournal({ size: 10 });
    journal.planned(event('evt_1', 'call.answered'), 'pending');
    journal.attempt(event('evt_1', 'call.answered'), {
      ...SENT,
      startedAt: Date.UTC(2026, 0, 1),
      status: 503,
      durationMs: 1.234,
    });
    expect(journal.get('evt_1')!.state).toBe('pending');
    journal.attempt(event('evt_1', 'call.answered'), {
      ...SENT,
      startedAt: Date.UTC(2026, 0, 1, 0, 0, 1),
      status: 204,
      durationMs: 2,
    });
    expect(journal.get('evt_1')).toMatchObject({
      type: 'call.answered',
      session_uuid: 's-1',
      operation_id: 'op-1',
      state: 'delivered',
      attempts: [
        { number: 1, started_at: '2026-01-01T00:00:00.000Z', status: 503, duration_ms: 1.23 },
        { number: 2, started_at: '2026-01-01T00:00:01.000Z', status: 204, duration_ms: 2 },
      ],
    });
  });

  it.each([
    [
      'attempts that ran out',
      (journal: ReturnType<typeof createDeliveryJournal>) => journal.undelivered(event('evt_1', 'command.result')),
      'undelivered',
    ],
    [
      'a resend',
      (journal: ReturnType<typeof createDeliveryJournal>) => journal.resent(event('evt_1', 'command.result')),
      'pending',
    ],
  ] as const)('%s set the state to %s', (_name, act, state) => {
    const journal = createDeliveryJournal({ size: 10 });
    journal.planned(event('evt_1', 'command.result'), 'pending');
    journal.attempt(event('evt_1', 'command.result'), { ...SENT, startedAt: 0, status: 200, durationMs: 1 });
    act(journal);
    expect(journal.get('evt_1')!.state).toBe(state);
  });

  it('a duplicate’s attempts are marked and change no state; an evicted event’s attempts are ignored', () => {
    const journal = createDeliveryJournal({ size: 1 });
    journal.planned(event('evt_1', 'call.hangup'), 'pending');
    journal.attempt(event('evt_1', 'call.hangup'), {
      ...SENT,
      startedAt: 0,
      status: 500,
      durationMs: 1,
      duplicate: true,
    });
    expect(journal.get('evt_1')).toMatchObject({ state: 'pending', attempts: [{ status: 500, duplicate: true }] });
    journal.planned(event('evt_2', 'call.hangup'), 'not_sent');
    journal.attempt(event('evt_1', 'call.hangup'), { ...SENT, startedAt: 0, status: 204, durationMs: 1 });
    expect(journal.list().map(({ id }) => id)).toEqual(['evt_2']);
  });

  it('keeps each attempt’s signature headers, and the start of the answer when one came', () => {
    const journal = createDeliveryJournal({ size: 10 });
    journal.planned(event('evt_1', 'command.result'), 'pending');
    journal.attempt(event('evt_1', 'command.result'), {
      ...SENT,
      responseStart: '{"error":"bad"}',
      startedAt: 0,
      status: 400,
      durationMs: 1,
    });
    journal.attempt(event('evt_1', 'command.result'), {
      ...SENT,
      responseStart: '',
      startedAt: 0,
      status: 'ECONNREFUSED',
      durationMs: 1,
    });
    const [refused, unreached] = journal.get('evt_1')!.attempts;
    expect(refused).toMatchObject({ request_headers: SENT.requestHeaders, response_body_start: '{"error":"bad"}' });
    expect(unreached!.request_headers).toEqual(SENT.requestHeaders);
    expect(unreached).not.toHaveProperty('response_body_start');
  });

  it.each([
    ['retry', 1_767_225_605_000, undefined, '2026-01-01T00:00:05.000Z'],
    ['retry_after', 1_767_225_660_000, undefined, '2026-01-01T00:01:00.000Z'],
    ['due', 1_767_225_600_050, undefined, '2026-01-01T00:00:00.050Z'],
    ['in_order', null, 'evt_0', null],
  ] as const)(
    'says why a delivery is held back (%s) until its next attempt, which ends the hold',
    (reason, until, behind, at) => {
      const published: DeliveryChange[] = [];
      const journal = createDeliveryJournal({ size: 10, publish: (delivery) => published.push(delivery) });
      journal.planned(event('evt_1', 'call.hangup'), 'pending');
      journal.waiting(event('evt_1', 'call.hangup'), { reason, until, ...(behind ? { behind } : {}) });
      expect(journal.get('evt_1')!.held).toEqual({ reason, next_attempt_at: at, ...(behind ? { behind } : {}) });
      expect(published.at(-1)!.held).toEqual(journal.get('evt_1')!.held);
      journal.attempt(event('evt_1', 'call.hangup'), { ...SENT, startedAt: 0, status: 204, durationMs: 1 });
      expect(JSON.parse(JSON.stringify(journal.get('evt_1')))).not.toHaveProperty('held');
    },
  );

  it('keeps the newest `size` entries, oldest first', () => {
    const journal = createDeliveryJournal({ size: 3 });
    for (let i = 1; i <= 5; i++) journal.planned(event(`evt_${i}`, 'command.result'), 'not_sent');
    expect(journal.size).toBe(3);
    expect(journal.list().map(({ id }) => id)).toEqual(['evt_3', 'evt_4', 'evt_5']);
  });

  it('filters by session (any case), type and operation, together', () => {
    const journal = createDeliveryJournal({ size: 10 });
    journal.planned(event('evt_1', 'call.answered', 'aa', 'op-1'), 'not_sent');
    journal.planned(event('evt_2', 'command.result', 'aa', 'op-1'), 'not_sent');
    journal.planned(event('evt_3', 'command.result', 'bb', 'op-2'), 'not_sent');
    journal.planned(event('evt_4', 'call.hangup', 'bb', null), 'not_sent');
    const ids = (filter: Parameters<typeof journal.list>[0]) => journal.list(filter).map(({ id }) => id);
    expect(ids({ session: 'AA' })).toEqual(['evt_1', 'evt_2']);
    expect(ids({ type: 'command.result' })).toEqual(['evt_2', 'evt_3']);
    expect(ids({ operation: 'OP-2' })).toEqual(['evt_3']);
    expect(ids({ session: 'bb', type: 'command.result', operation: 'op-1' })).toEqual([]);
  });

  it('publishes each change as what changed (the state, the attempt just made), never the list of attempts', () => {
    const published: DeliveryChange[] = [];
    const journal = createDeliveryJournal({ size: 10, publish: (change) => published.push(change) });
    journal.planned(event('evt_1', 'call.answered'), 'pending');
    journal.attempt(event('evt_1', 'call.answered'), { ...SENT, startedAt: 0, status: 500, durationMs: 1 });
    journal.attempt(event('evt_1', 'call.answered'), { ...SENT, startedAt: 0, status: 204, durationMs: 1 });
    expect(published.map(({ state, attempts_total, attempt }) => [state, attempts_total, attempt?.status])).toEqual([
      ['pending', 0, undefined],
      ['pending', 1, 500],
      ['delivered', 2, 204],
    ]);
    for (const change of published) expect(Object.hasOwn(change, 'attempts')).toBe(false);
  });

  it(`keeps an entry's first attempt and its latest ${KEPT_LATEST_ATTEMPTS}, and counts them all`, () => {
    const journal = createDeliveryJournal({ size: 10 });
    const answered = event('evt_1', 'call.answered');
    journal.planned(answered, 'pending');
    for (let n = 0; n < 1_000; n++) {
      journal.resent(answered);
      journal.attempt(answered, { ...SENT, startedAt: n, status: 503, durationMs: 1 });
    }
    const entry = journal.get('evt_1')!;
    expect(entry.attempts_total).toBe(1_000);
    expect(entry.attempts.map(({ number }) => number)).toEqual([
      1,
      ...Array.from({ length: KEPT_LATEST_ATTEMPTS }, (_, i) => 1_000 - KEPT_LATEST_ATTEMPTS + 1 + i),
    ]);
  });
});

describe('GET /__mock/deliveries without a webhook URL: the mock is an inbox', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway.close());

  it('lists call.answered, command.result, command.result, call.hangup for a call, in order, not_sent, payloads valid', async () => {
    const { body: created } = await control(gateway.url, 'POST', '/__mock/sessions');
    expect((await gateway.command(created.uuid, 'answer')).status).toBe(202);
    expect((await gateway.command(created.uuid, 'hangup', { cause: 'USER_BUSY' })).status).toBe(202);
    // Each is journaled when it is due (the hangup's call.hangup 50 ms after the answer's webhooks).
    const deliveries = await vi.waitFor(async () => {
      const { body } = await control(gateway.url, 'GET', `/__mock/deliveries?session=${created.uuid}`);
      expect(body.deliveries).toHaveLength(4);
      return body.deliveries as Delivery[];
    });
    expect(deliveries.map(({ type, state }) => [type, state])).toEqual([
      ['call.answered', 'not_sent'],
      ['command.result', 'not_sent'],
      ['command.result', 'not_sent'],
      ['call.hangup', 'not_sent'],
    ]);
    for (const delivery of deliveries) {
      expect(payloadViolations(delivery), delivery.type).toEqual([]);
      expect(delivery).toMatchObject({ id: delivery.payload.id, session_uuid: created.uuid, attempts: [] });
    }
    expect(deliveries.map(({ payload }) => payload.data)).toMatchObject([
      {},
      { command: 'answer' },
      { command: 'hangup' },
      { hangup_cause: 'USER_BUSY' },
    ]);
  });
});

describe('GET /__mock/deliveries with a receiver', () => {
  const live = useGatewayWithReceiver('journal');

  it('shows a failed first attempt, then the 2xx, and the state delivered', async () => {
    const session = crypto.randomUUID();
    live.receiver.failNext(1, 500);
    expect((await live.gateway.command(session, 'answer')).status).toBe(202);
    const answered = await vi.waitFor(async () => {
      const { body } = await control(
        live.gateway.url,
        'GET',
        `/__mock/deliveries?session=${session}&type=call.answered`,
      );
      expect(body.deliveries[0]?.state).toBe('delivered');
      return body.deliveries[0] as Delivery;
    });
    expect(answered.attempts.map(({ number, status }) => [number, status])).toEqual([
      [1, 500],
      [2, expect.any(Number)],
    ]);
    expect(answered.attempts[1]!.status).toBeGreaterThanOrEqual(200);
    expect(answered.attempts[1]!.status).toBeLessThan(300);
    expect(Date.parse(answered.attempts[1]!.started_at)).toBeGreaterThanOrEqual(
      Date.parse(answered.attempts[0]!.started_at),
    );
    expect(
      live.receiver.attempts.filter(({ webhookId }) => webhookId === answered.id).map(({ status }) => status),
    ).toEqual([500, answered.attempts[1]!.status]);
  });

  it('shows what a refused attempt sent and got back, and why the delivery is held back and until when', async () => {
    // A receiver that is down, saying why; retries on the real schedule (the next one 5 s later).
    const received: Record<string, string | string[] | undefined>[] = [];
    const down = createServer((req, res) => {
      received.push(req.headers);
      req.resume().on('end', () => res.writeHead(500).end('{"error":"down for maintenance"}'));
    });
    await new Promise<void>((resolve) => down.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(down.address() as AddressInfo).port}/hooks`;
    const gateway = await startGateway({ webhookUrl: url, retryScale: 1, shutdownGraceMs: 0 });
    try {
      const session = crypto.randomUUID();
      expect((await gateway.command(session, 'answer')).status).toBe(202);
      const [first, second] = await vi.waitFor(async () => {
        const { body } = await control(gateway.url, 'GET', `/__mock/deliveries?session=${session}`);
        const deliveries = body.deliveries as Delivery[];
        expect(deliveries[0]?.held?.reason).toBe('retry');
        return deliveries;
      });
      const [attempt] = first!.attempts;
      expect(attempt).toMatchObject({ status: 500, response_body_start: '{"error":"down for maintenance"}' });
      expect(attempt!.request_headers).toEqual({
        'webhook-id': received[0]!['webhook-id'],
        'webhook-timestamp': received[0]!['webhook-timestamp'],
        'webhook-signature': received[0]!['webhook-signature'],
      });
      const due = Date.parse(first!.held!.next_attempt_at!) - Date.parse(attempt!.started_at);
      expect(due).toBeGreaterThanOrEqual(5_000);
      expect(due).toBeLessThan(5_000 + 1_000);
      // The session's next event waits for it: delivery is in order per session.
      expect(second!.held).toEqual({ reason: 'in_order', next_attempt_at: null, behind: first!.id });
    } finally {
      await gateway.close();
      down.closeAllConnections();
      await new Promise((resolve) => down.close(resolve));
    }
  });

  it('needs the configured credentials when the mock has them', async () => {
    const strict = await startGateway({ appId: 'app-1', apiKey: 'key-1' });
    try {
      expect((await control(strict.url, 'GET', '/__mock/deliveries')).response.status).toBe(401);
      expect(
        (
          await control(strict.url, 'GET', '/__mock/deliveries', {
            headers: { 'X-App-ID': 'app-1', 'X-API-Key': 'key-1' },
          })
        ).response.status,
      ).toBe(200);
    } finally {
      await strict.close();
    }
  });
});
