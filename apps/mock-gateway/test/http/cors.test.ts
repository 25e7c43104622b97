// Cross-origin access, on a real gateway: the origins given to --cors-origin get their origin
// echoed (never `*`) on the API, the control plane and the event stream, and their preflights
// answered with the methods and headers a page needs; any other origin gets no CORS header at
// all (and a problem for its preflight); every answer varies by Origin. Without origins nothing
// changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCENARIO_HEADER } from '../../src/commands/scenarios.js';
import { CORS_METHODS } from '../../src/http/cors.js';
import { AUTH, newSession, startGateway } from '../support/gateway.js';

const DOCS = 'http://127.0.0.1:4011';
const OTHER_DOCS = 'https://docs.test';
type Gateway = Awaited<ReturnType<typeof startGateway>>;

/** Each kind of request a page makes: a command, the control plane, the stream (headers only). */
const REQUESTS: [string, (origin: string) => [string, RequestInit]][] = [
  [
    'a command',
    (origin) => [
      `/api/v1/sessions/${newSession()}/commands/hangup`,
      { method: 'POST', headers: { ...AUTH, origin, 'content-type': 'application/json' }, body: '{}' },
    ],
  ],
  ['a new call', (origin) => ['/__mock/sessions', { method: 'POST', headers: { origin } }]],
  ['the event stream', (origin) => ['/__mock/events', { headers: { origin, accept: 'text/event-stream' } }]],
  [
    'a refused command',
    (origin) => [`/api/v1/sessions/${newSession()}/commands/hangup`, { method: 'POST', headers: { origin } }],
  ],
];

/** The answer's status and headers (a stream is cut off once its headers arrive). */
async function headersOf(gateway: Gateway, [path, init]: [string, RequestInit]) {
  const controller = new AbortController();
  const response = await fetch(`${gateway.url}${path}`, { ...init, signal: controller.signal });
  controller.abort();
  return { status: response.status, headers: response.headers };
}

const preflight = (gateway: Gateway, origin: string, path: string, method: string, headers: string) =>
  fetch(`${gateway.url}${path}`, {
    method: 'OPTIONS',
    headers: { origin, 'access-control-request-method': method, 'access-control-request-headers': headers },
  });

describe('with --cors-origin', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway({ corsOrigins: [DOCS, OTHER_DOCS] });
  });
  afterAll(() => gateway?.close());

  describe.each(REQUESTS)('%s', (_name, request) => {
    it.each([DOCS, OTHER_DOCS])('from %s (allowed): its origin echoed, and what it may read', async (origin) => {
      const { headers } = await headersOf(gateway, request(origin));
      expect(headers.get('access-control-allow-origin')).toBe(origin);
      expect(headers.get('access-control-expose-headers')).toContain('idempotent-replayed');
      expect(headers.get('vary')).toMatch(/\bOrigin\b/);
    });

    it.each(['http://127.0.0.1:4012', 'http://localhost:4011', 'null', `${DOCS}/`])(
      'from %s (not allowed): no CORS header, still varies by Origin',
      async (origin) => {
        const { headers } = await headersOf(gateway, request(origin));
        expect([...headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
        expect(headers.get('vary')).toMatch(/\bOrigin\b/);
      },
    );
  });

  it.each([
    [
      'a command',
      `/api/v1/sessions/${newSession()}/commands/hangup`,
      'POST',
      `x-app-id,x-api-key,content-type,${SCENARIO_HEADER}`,
    ],
    ['a new call', '/__mock/sessions', 'POST', 'x-app-id,x-api-key'],
    ['the event stream', '/__mock/events', 'GET', 'x-app-id,x-api-key,last-event-id'],
  ])(
    'answers the preflight of %s from an allowed origin: 204, its origin, every header asked for',
    async (_name, path, method, asked) => {
      const response = await preflight(gateway, DOCS, path, method, asked);
      expect(response.status).toBe(204);
      expect(response.headers.get('access-control-allow-origin')).toBe(DOCS);
      expect(response.headers.get('access-control-allow-methods')).toBe(CORS_METHODS);
      const allowed = (response.headers.get('access-control-allow-headers') ?? '').split(', ');
      expect(allowed).toEqual(expect.arrayContaining(asked.split(',')));
      expect(response.headers.get('vary')).toMatch(/\bOrigin\b/);
    },
  );

  it('refuses the preflight of another origin with a problem that says how to allow it, and no CORS header', async () => {
    const response = await preflight(gateway, 'http://evil.test', '/__mock/sessions', 'POST', 'x-api-key');
    expect(response.status).toBe(403);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect([...response.headers.keys()].filter((name) => name.startsWith('access-control-'))).toEqual([]);
    expect(await response.json()).toMatchObject({
      status: 403,
      detail: expect.stringContaining('--cors-origin http://evil.test'),
      instance: '/__mock/sessions',
    });
  });

  it('never answers *, whatever the origin', async () => {
    for (const origin of [DOCS, '*', 'http://evil.test']) {
      const { headers } = await headersOf(gateway, REQUESTS[1]![1](origin));
      expect(headers.get('access-control-allow-origin')).not.toBe('*');
    }
  });
});

describe('without --cors-origin', () => {
  let gateway: Gateway;
  beforeAll(async () => {
    gateway = await startGateway();
  });
  afterAll(() => gateway?.close());

  it.each(REQUESTS)('%s from a page gets no CORS header', async (_name, request) => {
    const { headers } = await headersOf(gateway, request(DOCS));
    expect([...headers.keys()].filter((name) => name.startsWith('access-control-') || name === 'vary')).toEqual([]);
  });

  it('answers no preflight', async () => {
    const response = await preflight(gateway, DOCS, '/__mock/sessions', 'POST', 'x-api-key');
    expect(response.status).not.toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBeNull();
  });
});
