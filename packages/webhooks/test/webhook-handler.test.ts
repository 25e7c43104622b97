// The handler behind a real node:http server on 127.0.0.1, driven by real HTTP requests.
import type { WebhookEvent } from '@call-control/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMemoryDedupeStore } from '../src/dedupe-store.js';
import { createOperationTracker, OperationTimeoutError } from '../src/operation-tracker.js';
import { signWebhook } from '../src/sign-webhook.js';
import { createWebhookHandler, type WebhookContext, type WebhookHandlers } from '../src/webhook-handler.js';
import { OTHER_SECRET, SECRET, example, exampleWebhooks, spec } from './support/fixtures.js';
import { serve } from './support/receiver.js';

// One handler per webhook of the spec, each recording which handler ran for which event.
const received: { handler: string; type: string; webhookId: string }[] = [];
let failNext: string | undefined; // the event type whose next handling throws
const handlerFor = (handler: string) => (event: WebhookEvent, { webhookId }: WebhookContext) => {
  if (failNext === handler) {
    failNext = undefined;
    throw new Error('database unavailable');
  }
  received.push({ handler, type: event.type, webhookId });
};
const tracker = createOperationTracker({ timeoutMs: 2_000 });
const handler = createWebhookHandler({
  secret: SECRET,
  dedupe: createMemoryDedupeStore(),
  tracker,
  on: Object.fromEntries(Object.keys(spec.webhooks).map((type) => [type, handlerFor(type)])) as WebhookHandlers,
});
/** The first example of each webhook of the spec. */
const onePerWebhook = exampleWebhooks.filter(([webhook], i) => exampleWebhooks.findIndex(([w]) => w === webhook) === i);

let receiver: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  receiver = await serve(handler);
});
afterAll(() => receiver.close());

function deliver(event: WebhookEvent, { secret = SECRET, body = JSON.stringify(event), method = 'POST' } = {}) {
  return fetch(receiver.url, {
    method,
    headers: { 'content-type': 'application/json', ...signWebhook({ id: event.id, body, secret }) },
    ...(method === 'GET' ? {} : { body }),
  });
}
const withId = (event: WebhookEvent, id: string): WebhookEvent => ({ ...event, id }) as WebhookEvent;

describe('createWebhookHandler over node:http', () => {
  it('dispatches each event of the spec to the handler of its type and answers 204', async () => {
    received.length = 0;
    expect(onePerWebhook.map(([webhook]) => webhook)).toEqual(Object.keys(spec.webhooks));
    for (const [webhook, , event] of onePerWebhook) {
      expect((await deliver(withId(event, `evt_dispatch${webhook.replace('.', '')}`))).status).toBe(204);
    }
    expect(received).toEqual(
      onePerWebhook.map(([webhook]) => ({ handler: webhook, type: webhook, webhookId: `evt_dispatch${webhook.replace('.', '')}` })),
    );
  });

  // ADR 0005: event types are an open set; an authentic delivery of an unknown one is acknowledged.
  it('answers 204 to an authentic event of a type it does not know, and runs no handler', async () => {
    received.length = 0;
    const event = { ...example('CallAnswered'), id: 'evt_unknowntype', type: 'not.a_webhook' } as unknown as WebhookEvent;
    expect((await deliver(event)).status).toBe(204);
    expect(received).toEqual([]);
  });

  it('still answers 401 to a forged event of a type it does not know', async () => {
    const event = { ...example('CallAnswered'), id: 'evt_forgedunknown', type: 'not.a_webhook' } as unknown as WebhookEvent;
    expect((await deliver(event, { secret: OTHER_SECRET })).status).toBe(401);
  });

  it('hands a command.result for a command it does not know to the command.result handler', async () => {
    received.length = 0;
    const event = withId(example('CommandResultHangupSucceeded'), 'evt_unknowncommand') as any;
    event.data.command = 'added_by_this_test';
    expect((await deliver(event)).status).toBe(204);
    expect(received).toEqual([{ handler: 'command.result', type: 'command.result', webhookId: 'evt_unknowncommand' }]);
  });

  it('answers 401 with a problem when the signature fails', async () => {
    const response = await deliver(withId(example('CallAnswered'), 'evt_wrongsecret'), { secret: OTHER_SECRET });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    // The problem type is the spec's own (x-problem-type-base and the example's slug).
    expect(await response.json()).toMatchObject({
      type: spec.components.examples.WebhookSignatureProblem.value.type,
      status: 401,
      reason: 'invalid_signature',
    });
  });

  it('answers 400 with the JSON pointer when the payload breaks the schema', async () => {
    const event = withId(example('CallHangupByApi'), 'evt_badpayload') as any;
    event.data.hangup_cause_code = 'seventeen';
    const response = await deliver(event);
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      status: 400,
      reason: 'schema_violation',
      errors: [{ pointer: '/data/hangup_cause_code', detail: 'must be integer' }],
    });
  });

  it('answers 405 to anything but POST', async () => {
    expect((await deliver(example('CallAnswered'), { method: 'GET' })).status).toBe(405);
  });

  it('runs the handler once when the same event is delivered again', async () => {
    received.length = 0;
    const event = withId(example('CommandResultTimedOut'), 'evt_redelivered');
    const statuses = [];
    for (let attempt = 0; attempt < 3; attempt++) statuses.push((await deliver(event)).status);
    expect(statuses).toEqual([204, 204, 204]);
    expect(received.filter(({ webhookId }) => webhookId === 'evt_redelivered')).toHaveLength(1);
  });

  it('answers 500 when the handler throws, and runs it again on the redelivery', async () => {
    received.length = 0;
    failNext = 'call.hangup';
    const event = withId(example('CallHangupByCaller'), 'evt_handlerfails');
    expect((await deliver(event)).status).toBe(500);
    expect((await deliver(event)).status).toBe(204);
    expect(received.map(({ webhookId }) => webhookId)).toEqual(['evt_handlerfails']);
  });

  it('resolves a tracked operation when its command.result arrives later', async () => {
    const event = withId(example('CommandResultHangupSucceeded'), 'evt_trackedlater') as any;
    event.data.operation_id = '11111111-2222-4333-8444-555555555555';
    const result = tracker.track({ data: { operation_id: event.data.operation_id, status: 'in_progress', timeout_ms: 2000 } });
    expect((await deliver(event)).status).toBe(204);
    expect((await result).id).toBe('evt_trackedlater');
  });

  it('resolves a tracked operation whose command.result arrived before the 202 was read', async () => {
    const event = withId(example('CommandResultHangupSucceeded'), 'evt_arrivedfirst') as any;
    event.data.operation_id = '66666666-7777-4888-8999-aaaaaaaaaaaa';
    expect((await deliver(event)).status).toBe(204);
    expect(tracker.buffered).toBeGreaterThanOrEqual(1);
    expect((await tracker.track(event.data.operation_id)).id).toBe('evt_arrivedfirst');
  });

  it('rejects a tracked operation whose result never comes', async () => {
    await expect(tracker.track('bbbbbbbb-cccc-4ddd-8eee-ffffffffffff', { timeoutMs: 50 })).rejects.toBeInstanceOf(
      OperationTimeoutError,
    );
  });
});
