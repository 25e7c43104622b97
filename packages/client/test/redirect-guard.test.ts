// No redirect is followed: two real servers on 127.0.0.1, on two ports (two origins). The
// gateway answers a 3xx pointing at the other one (or at another path of its own); the other
// must receive nothing, and the call must fail with a CallControlRedirectError naming where
// the redirect pointed — once, never retried.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCallControlClient, type Fetch } from '../src/call-control-client.js';
import { CallControlRedirectError } from '../src/errors.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

const SESSION = '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234';
const HANGUP = `/api/v1/sessions/${SESSION}/commands/hangup`;
let gateway: RecordingServer;
let elsewhere: RecordingServer;
beforeAll(async () => {
  [gateway, elsewhere] = await Promise.all([startRecordingServer(), startRecordingServer()]);
});
afterAll(() => Promise.all([gateway.close(), elsewhere.close()]));

/** A fetch of the caller's that hands the Request on as it is (so its redirect mode too). */
const passThrough: Fetch = (request) => fetch(request);

const client = (fetchOption?: Fetch) =>
  createCallControlClient({
    baseUrl: gateway.url,
    appId: 'app-1',
    apiKey: 'key-1',
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    ...(fetchOption ? { fetch: fetchOption } : {}),
  });

async function rejection(call: Promise<unknown>): Promise<CallControlRedirectError> {
  const outcome = await call.then(
    (result) => ({ resolved: result }),
    (error: unknown) => ({ error }),
  );
  if (!('error' in outcome)) throw new Error(`expected a CallControlRedirectError, got ${JSON.stringify(outcome)}`);
  if (outcome.error instanceof CallControlRedirectError) return outcome.error;
  throw outcome.error;
}

describe('redirects', () => {
  // Every redirect status, to another origin (with and without a path, which fetch resolves)
  // and to another path of the same origin, with the global fetch and with one of the caller's.
  const targets: [string, () => string, () => string][] = [
    ['another origin', () => `${elsewhere.url}/collect`, () => `${elsewhere.url}/collect`],
    ['another origin, no path', () => elsewhere.url, () => `${elsewhere.url}/`],
    ['another path of the gateway', () => '/api/v2/hangup', () => `${gateway.url}/api/v2/hangup`],
  ];
  const cases = [301, 302, 303, 307, 308].flatMap((status) =>
    targets.flatMap(([target, location, resolved]) =>
      (['global fetch', 'the caller’s fetch'] as const).map((via) => ({ status, target, location, resolved, via })),
    ),
  );

  it.each(cases)('$status to $target ($via): refused, named, not retried, nothing sent on', async (each) => {
    gateway.script({ status: each.status, headers: { location: each.location() } });
    elsewhere.script();
    const call = client(each.via === 'global fetch' ? undefined : passThrough).hangup(SESSION, { cause: 'USER_BUSY' });
    const error = await rejection(call);
    expect(error).toMatchObject({ name: 'CallControlRedirectError', status: each.status, location: each.resolved() });
    expect(error.message).toContain(each.resolved());
    expect(gateway.requests.map(({ path }) => path)).toEqual([HANGUP]);
    expect(elsewhere.requests).toEqual([]);
  });

  it.each([
    ['300 with a Location', { status: 300, headers: { location: '/choices' } }, `/choices`],
    ['307 without a Location', { status: 307 }, null],
    ['399 with a Location', { status: 399, headers: { location: '/odd' } }, `/odd`],
  ])('any other 3xx is refused too: %s', async (_name, reply, location) => {
    gateway.script(reply);
    const error = await rejection(client().answer(SESSION));
    expect(error.status).toBe(reply.status);
    expect(error.location).toBe(location === null ? null : `${gateway.url}${location}`);
    expect(gateway.requests).toHaveLength(1);
  });

  it('refuses a redirect on `raw` as well', async () => {
    gateway.script({ status: 307, headers: { location: `${elsewhere.url}/collect` } });
    elsewhere.script();
    const call = client().raw.POST('/api/v1/sessions/{uuid}/commands/answer', { params: { path: { uuid: SESSION } } });
    expect((await rejection(call)).location).toBe(`${elsewhere.url}/collect`);
    expect(elsewhere.requests).toEqual([]);
  });

  it('does not report an answer a redirect-following fetch of the caller’s brought back as the gateway’s', async () => {
    // This fetch drops the Request's redirect mode and follows: the other origin does get the
    // request (nothing the client can do once it is handed over), but its 202 is refused.
    const following: Fetch = async (request) =>
      fetch(request.url, { method: request.method, headers: request.headers, body: await request.text() });
    gateway.script({ status: 307, headers: { location: `${elsewhere.url}/collect` } });
    elsewhere.script();
    const error = await rejection(client(following).hangup(SESSION));
    expect(error).toMatchObject({ status: 0, location: `${elsewhere.url}/collect` });
    expect(error.response.status).toBe(202);
    expect(gateway.requests).toHaveLength(1);
    expect(elsewhere.requests).toHaveLength(1);
  });
});
