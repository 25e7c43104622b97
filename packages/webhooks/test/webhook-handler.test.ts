// The handler behind a real node:http server on 127.0.0.1, driven by real HTTP requests.
import { request as httpRequest } from 'node:http';
import type { WebhookEvent } from '@call-control/types';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createMemoryDedupeStore } from '../src/dedupe-store.js';
import { createOperationTracker, OperationTimeoutError } from '../src/operation-tracker.js';
import { signWebhook } from '../src/sign-webhook.js';
import { createWebhookHandler, type WebhookContext, type WebhookHandlers } from '../src/webhook-handler.js';
import {
  OTHER_KEY,
  OTHER_SECRET,
  SECRET,
  example,
  exampleWebhooks,
  independentHeaders,
  spec,
  withData,
} from './support/fixtures.js';
import { serve } from './support/receiver.js';

// One handler per webhook of the spec, each recording which handler ran for which event.
const received: { handler: string; type: string; webhookId: string }[] = [];
const handlerErrors: { error: unknown; webhookId: string; type: string }[] = [];
let failNext: string | undefined; // the event type whose next handling throws
const handlerFor =
  (handler: string) =>
  (event: WebhookEvent, { webhookId }: WebhookContext) => {
    if (failNext === handler) {
      failNext = undefined;
      throw new Error('database unavailable at postgres://receiver:hunter2@db.internal');
    }
    received.push({ handler, type: event.type, webhookId });
  };
const tracker = createOperationTracker({ timeoutMs: 2_000 });
const handler = createWebhookHandler({
  secret: SECRET,
  dedupe: createMemoryDedupeStore(),
  tracker,
  onError: (error, context) => handlerErrors.push({ error, ...context }),
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
      onePerWebhook.map(([webhook]) => ({
        handler: webhook,
        type: webhook,
        webhookId: `evt_dispatch${webhook.replace('.', '')}`,
      })),
    );
  });

  // ADR 0005: event types are an open set; an authentic delivery of an unknown one is acknowledged.
  it('answers 204 to an authentic event of a type it does not know, and runs no handler', async () => {
    received.length = 0;
    const event = {
      ...example('CallAnswered'),
      id: 'evt_unknowntype',
      type: 'not.a_webhook',
    } as unknown as WebhookEvent;
    expect((await deliver(event)).status).toBe(204);
    expect(received).toEqual([]);
  });

  it('still answers 401 to a forged event of a type it does not know', async () => {
    const event = {
      ...example('CallAnswered'),
      id: 'evt_forgedunknown',
      type: 'not.a_webhook',
    } as unknown as WebhookEvent;
    expect((await deliver(event, { secret: OTHER_SECRET })).status).toBe(401);
  });

  it('hands a command.result for a command it does not know to the command.result handler', async () => {
    received.length = 0;
    const event = withData(withId(example('CommandResultHangupSucceeded'), 'evt_unknowncommand'), {
      command: 'added_by_this_test',
    });
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
    const event = withData(withId(example('CallHangupByApi'), 'evt_badpayload'), { hangup_cause_code: 'seventeen' });
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

  it("keeps the thrown error's message out of the 500 and hands the error to onError", async () => {
    handlerErrors.length = 0;
    failNext = 'call.hangup';
    const response = await deliver(withId(example('CallHangupByCaller'), 'evt_handlerleaks'));
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toMatchObject({
      status: 500,
      title: 'Webhook handler failed',
      detail: expect.stringContaining('call.hangup'),
    });
    expect(handlerErrors).toEqual([
      {
        error: expect.objectContaining({ message: expect.stringContaining('hunter2') }),
        webhookId: 'evt_handlerleaks',
        type: 'call.hangup',
      },
    ]);
  });

  it('accepts a webhook-signature sent as two header lines, one of them good', async () => {
    const event = withId(example('CallAnswered'), 'evt_twosignaturelines');
    const body = JSON.stringify(event);
    const good = independentHeaders(event.id, body);
    const other = independentHeaders(event.id, body, { key: OTHER_KEY })['webhook-signature'];
    // node:http sends an array value as repeated header lines, as a splitting proxy would; the
    // good one first, so the joint (", ") follows it.
    const status = await new Promise<number>((resolve, reject) => {
      const request = httpRequest(receiver.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...good,
          'webhook-signature': [good['webhook-signature'], other],
        },
      });
      request.on('response', (response) => {
        response.resume();
        resolve(response.statusCode!);
      });
      request.on('error', reject);
      request.end(body);
    });
    expect(status).toBe(204);
  });

  it('resolves a tracked operation when its command.result arrives later', async () => {
    const operation_id = '11111111-2222-4333-8444-555555555555';
    const event = withData(withId(example('CommandResultHangupSucceeded'), 'evt_trackedlater'), { operation_id });
    const result = tracker.track({ data: { operation_id, status: 'in_progress', timeout_ms: 2000 } });
    expect((await deliver(event)).status).toBe(204);
    expect((await result).id).toBe('evt_trackedlater');
  });

  it('resolves a tracked operation whose command.result arrived before the 202 was read', async () => {
    const operation_id = '66666666-7777-4888-8999-aaaaaaaaaaaa';
    const event = withData(withId(example('CommandResultHangupSucceeded'), 'evt_arrivedfirst'), { operation_id });
    expect((await deliver(event)).status).toBe(204);
    expect(tracker.buffered).toBeGreaterThanOrEqual(1);
    expect((await tracker.track(operation_id)).id).toBe('evt_arrivedfirst');
  });

  it('rejects a tracked operation whose result never comes', async () => {
    await expect(tracker.track('bbbbbbbb-cccc-4ddd-8eee-ffffffffffff', { timeoutMs: 50 })).rejects.toBeInstanceOf(
      OperationTimeoutError,
    );
  });
});

describe('createWebhookHandler, secrets and defaults', () => {
  it.each<[string, unknown]>([
    ['an empty secret', ''],
    ['an empty list', []],
    ['a secret that is not whsec_', 'hunter2hunter2'],
  ])('refuses %s with a TypeError when it is created', (_case, secret) => {
    const on = { 'command.result': () => {}, 'call.answered': () => {}, 'call.hangup': () => {} };
    expect(() => createWebhookHandler({ secret: secret as string, on })).toThrow(TypeError);
  });

  it("logs a handler's error to the console by default", async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const failing = createWebhookHandler({
        secret: SECRET,
        on: {
          'command.result': () => {},
          'call.answered': () => {},
          'call.hangup': () => Promise.reject(new Error('disk full')),
        },
      });
      const event = withId(example('CallHangupByApi'), 'evt_logged');
      const body = JSON.stringify(event);
      const response = await failing(
        new Request('http://receiver.test/', {
          method: 'POST',
          headers: signWebhook({ id: event.id, body, secret: SECRET }),
          body,
        }),
      );
      expect(response.status).toBe(500);
      expect(logged).toHaveBeenCalledWith(
        expect.stringContaining('evt_logged'),
        expect.objectContaining({ message: 'disk full' }),
      );
    } finally {
      logged.mockRestore();
    }
  });
});

// A handler that never settles: its claim must end with the gateway's response timeout, not
// be held for the 28 h a handled id is remembered (every redelivery would get 409 until then).
describe('a handler that never settles', () => {
  it("frees its webhook-id after the gateway's response timeout, so the redelivery is handled", async () => {
    const timeoutMs: number = spec['x-gateway-limits'].webhook_response_timeout_ms;
    let time = 1_000_000;
    let releaseHung!: () => void;
    const hung = new Promise<void>((resolve) => (releaseHung = resolve));
    let calls = 0;
    const stuck = createWebhookHandler({
      secret: SECRET,
      dedupe: createMemoryDedupeStore({ now: () => time }),
      on: {
        'command.result': () => {},
        'call.answered': () => (++calls === 1 ? hung : undefined),
        'call.hangup': () => {},
      },
    });
    const server = await serve(stuck);
    const event = withId(example('CallAnswered'), 'evt_neversettles');
    const send = (signal?: AbortSignal) => {
      const body = JSON.stringify(event);
      return fetch(server.url, {
        method: 'POST',
        headers: signWebhook({ id: event.id, body, secret: SECRET }),
        body,
        ...(signal ? { signal } : {}),
      });
    };
    try {
      // The first attempt hangs; the sender gives it up.
      await expect(send(AbortSignal.timeout(300))).rejects.toThrow();
      time += timeoutMs - 1;
      expect((await send()).status).toBe(409);
      time += 1;
      expect((await send()).status).toBe(204);
      expect(calls).toBe(2);
    } finally {
      releaseHung();
      await server.close();
    }
  });
});

// The bytes on the wire are what was signed: neither the Request nor node:http's body is
// decoded before the check (a BOM dropped, bad bytes made U+FFFD would pass for the original).
describe('createWebhookHandler over node:http, bytes as received', () => {
  const event = withId(example('CommandResultFailed'), `evt_${'b17e5a5b'.repeat(4)}`);
  const text = JSON.stringify(event);
  const at = text.indexOf('hung up') + 1;
  const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
  const withBom = Buffer.concat([BOM, Buffer.from(text)]);
  const notUtf8 = Buffer.concat([Buffer.from(text.slice(0, at)), Buffer.from([0xff]), Buffer.from(text.slice(at))]);
  const asReplaced = Buffer.from(notUtf8.toString('utf8')); // 0xFF as U+FFFD

  it.each<[string, Buffer, Buffer, number, string | undefined]>([
    ['a BOM prepended to a body signed without one', withBom, Buffer.from(text), 401, 'invalid_signature'],
    ['a byte that is not UTF-8, signed as U+FFFD', notUtf8, asReplaced, 401, 'invalid_signature'],
    ['a byte that is not UTF-8, signed as sent', notUtf8, notUtf8, 400, 'malformed_json'],
    ['a BOM, signed as sent', withBom, withBom, 204, undefined],
  ])('%s', async (_name, sent, signed, status, reason) => {
    received.length = 0;
    const response = await fetch(receiver.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...independentHeaders(event.id, signed) },
      body: new Uint8Array(sent),
    });
    expect(response.status).toBe(status);
    if (reason !== undefined) expect(await response.json()).toMatchObject({ reason });
    expect(received).toHaveLength(status === 204 ? 1 : 0);
  });
});
