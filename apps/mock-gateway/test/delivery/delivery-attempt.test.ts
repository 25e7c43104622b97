// One delivery attempt against real receivers (node:http on 127.0.0.1), its timeouts on a fake
// clock: what the status is, when Retry-After counts, and that neither a receiver that never
// answers nor one that never finishes its body can hold an attempt longer than the spec allows.
import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import FakeTimers from '@sinonjs/fake-timers';
import { verifyWebhook } from '@call-control/webhooks';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Clock } from '../../src/common/clock.js';
import {
  type AttemptResult,
  BODY_GRACE_MS,
  createDeliveryAttempts,
  isDelivered,
  RESPONSE_START_BYTES,
} from '../../src/delivery/delivery-attempt.js';
import { loadSpecModel } from '../../src/common/spec-model.js';
import { spec } from '../support/spec.js';

const SECRET = `whsec_${Buffer.from('delivery-attempt-tests-key-32b!!').toString('base64')}`;
const model = loadSpecModel();
const event = spec.components.examples.CommandResultSucceeded.value;
const body = JSON.stringify(event);
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function fakeClock() {
  const fake = FakeTimers.createClock(Date.now());
  const clock: Clock = {
    now: () => fake.now,
    setTimeout: (callback, ms) => fake.setTimeout(callback, ms),
    clearTimeout: (id) => fake.clearTimeout(id as never),
  };
  return { fake, clock };
}

async function receiverThat(listener: RequestListener): Promise<URL> {
  const server = createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    server.closeAllConnections();
    return new Promise((resolve) => server.close(resolve));
  });
  return new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks?tenant=1`);
}

/** What an attempt decided: its status, and any Retry-After (the headers and the answer's start are checked apart). */
const outcomeOf = (result: AttemptResult | undefined) =>
  result === undefined
    ? undefined
    : { status: result.status, ...(result.retryAfterMs === undefined ? {} : { retryAfterMs: result.retryAfterMs }) };

function attemptsTo(url: URL, clock: Clock) {
  const attempts = createDeliveryAttempts({
    url,
    secret: SECRET,
    retryAfterStatuses: model.limits.webhookRetryAfterStatuses,
    attemptTimeoutMs: model.limits.webhookResponseTimeoutMs,
    clock,
  });
  cleanups.push(() => attempts.close());
  return attempts;
}

describe('createDeliveryAttempts', () => {
  it('POSTs the exact bytes, signed, to the URL with its query, and reports the status', async () => {
    const got: { url?: string; headers?: Record<string, string>; body?: string } = {};
    const url = await receiverThat((req, res) => {
      const chunks: Buffer[] = [];
      req
        .on('data', (chunk: Buffer) => chunks.push(chunk))
        .on('end', () => {
          Object.assign(got, { url: req.url, headers: req.headers, body: Buffer.concat(chunks).toString() });
          res.writeHead(204).end();
        });
    });
    expect(await attemptsTo(url, fakeClock().clock).send(event, body).then(outcomeOf)).toEqual({ status: 204 });
    expect(got.url).toBe('/hooks?tenant=1');
    expect(got.body).toBe(body);
    expect(verifyWebhook(got.body!, got.headers!, SECRET)).toEqual(event);
  });

  it.each<[string, { status: number; retryAfter: string; want: number | undefined }]>([
    ...model.limits.webhookRetryAfterStatuses.map(
      (status): [string, { status: number; retryAfter: string; want: number }] => [
        `${status} with Retry-After: 7 → waits 7 s`,
        { status, retryAfter: '7', want: 7_000 },
      ],
    ),
    [
      '500 with Retry-After: 7 → not a status the spec honours it on',
      { status: 500, retryAfter: '7', want: undefined },
    ],
    ['503 with a Retry-After that is no time → none', { status: 503, retryAfter: 'soon', want: undefined }],
  ])('%s', async (_name, { status, retryAfter, want }) => {
    const url = await receiverThat((req, res) =>
      req.resume().on('end', () => res.writeHead(status, { 'retry-after': retryAfter }).end()),
    );
    const result = await attemptsTo(url, fakeClock().clock).send(event, body);
    expect(outcomeOf(result)).toEqual({ status, ...(want === undefined ? {} : { retryAfterMs: want }) });
  });

  it.each([
    ['a short refusal', '{"error":"unknown session"}', '{"error":"unknown session"}'],
    ['a long page, cut', `<html>${'x'.repeat(1_000)}</html>`, `<html>${'x'.repeat(RESPONSE_START_BYTES - 6)}`],
    ['no body', '', ''],
  ])('reports the headers it was signed with, and the start of the answer: %s', async (_name, answer, start) => {
    let sent: Record<string, string | string[] | undefined> = {};
    const url = await receiverThat((req, res) => {
      sent = req.headers;
      req.resume().on('end', () => res.writeHead(400, { 'content-type': 'text/plain' }).end(answer));
    });
    const result = await attemptsTo(url, fakeClock().clock).send(event, body);
    expect(result.requestHeaders).toEqual({
      'webhook-id': sent['webhook-id'],
      'webhook-timestamp': sent['webhook-timestamp'],
      'webhook-signature': sent['webhook-signature'],
    });
    expect(result.requestHeaders['webhook-id']).toBe(event.id);
    expect(result.responseStart()).toBe(start);
  });

  it('a receiver that is not there: the error code', async () => {
    // A port that was free a moment ago: nothing listens there.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    expect(
      await attemptsTo(new URL(`http://127.0.0.1:${port}/hooks`), fakeClock().clock)
        .send(event, body)
        .then(outcomeOf),
    ).toEqual({
      status: 'ECONNREFUSED',
    });
  });

  it('a receiver that never answers: timeout, at the spec response timeout and not before', async () => {
    const { fake, clock } = fakeClock();
    let arrived = false;
    const url = await receiverThat((req) => {
      arrived = true;
      req.resume();
    });
    let result: AttemptResult | undefined;
    void attemptsTo(url, clock)
      .send(event, body)
      .then((value) => (result = value));
    await vi.waitFor(() => expect(arrived).toBe(true));
    await fake.tickAsync(model.limits.webhookResponseTimeoutMs - 1);
    expect(result).toBeUndefined();
    await fake.tickAsync(1);
    await vi.waitFor(() => expect(outcomeOf(result)).toEqual({ status: 'timeout' }));
  });

  it('a 2xx counts on its status at once; a body that never ends is abandoned after a short grace', async () => {
    const { fake, clock } = fakeClock();
    let closed = false;
    const url = await receiverThat((req, res) => {
      req.resume();
      req.socket.on('close', () => (closed = true));
      res.writeHead(200, { 'content-length': '100' }).write('{"ok":'); // and nothing more
    });
    expect(await attemptsTo(url, clock).send(event, body).then(outcomeOf)).toEqual({ status: 200 });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed).toBe(false); // still reading, within the grace
    await fake.tickAsync(BODY_GRACE_MS);
    await vi.waitFor(() => expect(closed).toBe(true));
  });
});

it.each<[number | string, boolean]>([
  [200, true],
  [204, true],
  [299, true],
  [199, false],
  [300, false],
  [503, false],
  ['timeout', false],
])('isDelivered(%s) is %s', (status, want) => {
  expect(isDelivered(status)).toBe(want);
});
