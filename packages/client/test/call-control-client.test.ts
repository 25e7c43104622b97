// The client against a real HTTP server on 127.0.0.1 that records what it receives.
import { loadBundledSpec } from '@call-control/spec';
import type { CommandOperationId } from '@call-control/types';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallControlClient } from '../src/call-control-client.js';
import { CallControlNetworkError, CallControlTimeoutError } from '../src/errors.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

const spec = loadBundledSpec();
/** A node of the bundled contract (plain JSON). */
type SpecNode = ReturnType<typeof loadBundledSpec>;
const SESSION = '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234';
let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());

const fastRetries = { baseDelayMs: 20, maxDelayMs: 100 };
const client = (options: Partial<Parameters<typeof createCallControlClient>[0]> = {}) =>
  createCallControlClient({ baseUrl: server.url, appId: 'app-1', apiKey: 'key-1', retry: fastRetries, ...options });
const sentBodies = () => server.requests.map(({ body }) => JSON.parse(body));

describe('requests', () => {
  // Every command of the spec: its operationId is the client's method, its path the one called.
  const commands = Object.entries<SpecNode>(spec.paths).map(
    ([path, item]) => [item.post.operationId as CommandOperationId, path] as const,
  );

  it.each(commands)('%s: POSTs to its path with both auth headers and JSON', async (command, path) => {
    server.script();
    await client()[command](SESSION);
    const [request] = server.requests;
    expect(request).toMatchObject({ method: 'POST', path: path.replace('{uuid}', SESSION) });
    expect(request!.headers).toMatchObject({
      'x-app-id': 'app-1',
      'x-api-key': 'key-1',
      'content-type': 'application/json',
    });
  });

  it('sends the body it is given, and the caller’s command_uid unchanged', async () => {
    server.script();
    await client().hangup(SESSION, { cause: 'USER_BUSY', command_uid: 'mine-1' });
    expect(sentBodies()).toEqual([{ cause: 'USER_BUSY', command_uid: 'mine-1' }]);
  });

  it('generates a command_uid (a UUID) when the caller omits it, a new one per call', async () => {
    server.script();
    await client().answer(SESSION);
    await client().answer(SESSION, {});
    const uids = sentBodies().map((body) => body.command_uid);
    expect(
      uids.every((uid: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(uid)),
    ).toBe(true);
    expect(new Set(uids).size).toBe(2);
  });
});

describe('baseUrl', () => {
  // openapi-fetch appends the path as text: `…/?tenant=1` + `/api/v1/…` puts the path in the query.
  it.each(['?tenant=1', '/?tenant=1', '#top', '/gateway?x=1#y'])(
    'refuses a baseUrl ending in %s with a TypeError',
    (tail) => {
      expect(() => client({ baseUrl: `${server.url}${tail}` })).toThrow(TypeError);
      expect(() => client({ baseUrl: `${server.url}${tail}` })).toThrow(
        'baseUrl must not have a query string or a fragment',
      );
    },
  );

  it('takes a baseUrl with a path prefix and a trailing slash', async () => {
    server.script();
    await client({ baseUrl: `${server.url}/prefix/` }).answer(SESSION);
    expect(server.requests[0]!.path).toBe(`/prefix/api/v1/sessions/${SESSION}/commands/answer`);
  });
});

describe('responses', () => {
  it('parses the 202 into data', async () => {
    server.script();
    const { data, error, response } = await client().disconnect(SESSION);
    expect(error).toBeUndefined();
    expect(response.status).toBe(202);
    expect(data).toEqual({
      operation_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890',
      status: 'in_progress',
      timeout_ms: 2000,
    });
  });

  // Each problem the spec documents, answered with the spec's own example, comes back as `error`.
  const problems = Object.entries<SpecNode>(spec.components.examples)
    .filter(([name]) => name.endsWith('Problem') && name !== 'WebhookSignatureProblem')
    .map(([name, { value }]) => [name, value] as const);

  it.each(problems)('surfaces %s as error, unretried unless retryable', async (_name, problem) => {
    const retryable = [429, 503].includes(problem.status);
    server.script(
      ...Array.from({ length: 3 }, () => ({ status: problem.status, body: problem, headers: { 'retry-after': '0' } })),
    );
    const { data, error, response } = await client().hangup(SESSION);
    expect(data).toBeUndefined();
    expect(error).toEqual(problem);
    expect(response.status).toBe(problem.status);
    expect(server.requests).toHaveLength(retryable ? 3 : 1);
  });
});

describe('errors without a problem body', () => {
  it('turns a proxy’s HTML or empty error into a Problem', async () => {
    server.script({ status: 500, body: '<html>bad gateway</html>' as unknown as object });
    const { error } = await client({ retry: false }).answer(SESSION);
    expect(error).toEqual({
      type: 'about:blank',
      title: 'Internal Server Error',
      status: 500,
      detail: '<html>bad gateway</html>',
    });
    server.script({ status: 500 });
    expect((await client({ retry: false }).answer(SESSION)).error).toMatchObject({ type: 'about:blank', status: 500 });
  });
});

describe('retries', () => {
  it('retries 502/503/504 with backoff, re-sending the same command_uid, then returns the answer', async () => {
    const retries: { attempt: number; delayMs: number; reason: unknown }[] = [];
    server.script({ status: 503 }, { status: 502 });
    const { data } = await client({ onRetry: (retry) => retries.push(retry) }).hangup(SESSION, { cause: 'USER_BUSY' });
    expect(data?.status).toBe('in_progress');
    expect(server.requests).toHaveLength(3);
    const uids = new Set(sentBodies().map((body) => body.command_uid));
    expect(uids.size).toBe(1);
    expect(retries.map(({ attempt, reason }) => [attempt, reason])).toEqual([
      [2, 503],
      [3, 502],
    ]);
    // Equal jitter: between half and all of the exponential step, 20 ms, then 40 ms.
    expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(10);
    expect(retries[0]!.delayMs).toBeLessThan(20);
    expect(retries[1]!.delayMs).toBeGreaterThanOrEqual(20);
    expect(retries[1]!.delayMs).toBeLessThan(40);
  });

  it('honours Retry-After on a 429', async () => {
    server.script({
      status: 429,
      headers: { 'retry-after': '1' },
      body: spec.components.examples.RateLimitedProblem.value,
    });
    const { data } = await client().answer(SESSION);
    expect(data).toBeDefined();
    const [first, second] = server.requests;
    expect(second!.at - first!.at).toBeGreaterThanOrEqual(990);
  });

  it('does not wait for a Retry-After past maxRetryAfterMs: the 429 is returned', async () => {
    server.script({
      status: 429,
      headers: { 'retry-after': '3600' },
      body: spec.components.examples.RateLimitedProblem.value,
    });
    const { error } = await client().answer(SESSION);
    expect(error?.status).toBe(429);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a dropped connection, and reports a network error after the last attempt', async () => {
    server.script({ drop: true });
    expect((await client().answer(SESSION)).data).toBeDefined();
    expect(server.requests).toHaveLength(2);

    server.script({ drop: true }, { drop: true }, { drop: true });
    const failure = await client()
      .answer(SESSION)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CallControlNetworkError);
    expect((failure as CallControlNetworkError).attempts).toBe(3);
  });

  it('makes one attempt when retries are off', async () => {
    server.script({ status: 503 }, { status: 503 });
    const { error } = await client({ retry: false }).answer(SESSION);
    expect(error).toBeDefined();
    expect(server.requests).toHaveLength(1);
  });

  it('takes the number of attempts from the policy', async () => {
    server.script(...Array.from({ length: 5 }, () => ({ status: 504 })));
    await client({ retry: { ...fastRetries, attempts: 5 } }).answer(SESSION);
    expect(server.requests).toHaveLength(5);
  });
});

describe('timeouts and cancellation', () => {
  it('reports a timeout as a CallControlTimeoutError', async () => {
    server.script({ delayMs: 500, reply: { status: 202 } });
    const failure = await client({ timeoutMs: 100 })
      .hangup(SESSION)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CallControlTimeoutError);
    expect((failure as CallControlTimeoutError).timeoutMs).toBe(100);
  });

  it('arms one timer per call and clears it when the call ends, so timeouts do not pile up under load', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    server.script(...Array.from({ length: 20 }, () => ({ status: 202 })));
    const before = timers();
    const calls = Array.from({ length: 20 }, () => client({ timeoutMs: 60_000 }).answer(SESSION));
    expect(timers() - before).toBe(20); // armed synchronously, one per call
    await Promise.all(calls);
    expect(timers()).toBeLessThanOrEqual(before);
  });

  it("cancels with the caller's AbortSignal, as an AbortError", async () => {
    server.script({ delayMs: 500, reply: { status: 202 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 50);
    const failure = await client()
      .hangup(SESSION, {}, { signal: controller.signal })
      .catch((error: unknown) => error);
    expect((failure as Error).name).toBe('AbortError');
  });
});
