// Admission: every bad input gets its status and a problem body that validates against the
// spec, at once, in the gateway's order of checks; and the server answers the next good request.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUTH, newSession, startGateway } from '../support/gateway.js';
import { rawRequest } from '../support/raw-http.js';
import { expectProblem, spec } from '../support/spec.js';

let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

const path = (command = 'hangup', session: string = newSession()) => `/api/v1/sessions/${session}/commands/${command}`;
const JSON_HEADERS = { ...AUTH, 'content-type': 'application/json' };
const SESSION_UUID: string = spec.components.schemas.SessionUuid.pattern;

type Case = [
  name: string,
  {
    send: () => Promise<{ status: number; headers: Record<string, unknown>; body: string }>;
    status: number;
    slug?: string;
    errors?: unknown;
  },
];

const raw = (options: Parameters<typeof rawRequest>[1]) => () => rawRequest(gateway.url, options);

const cases: Case[] = [
  ...['{bad', 'not json', '{"cause": "USER_BUSY",}', '{"cause": "USER_', ' '].map(
    (body): Case => [
      `malformed JSON ${JSON.stringify(body)}`,
      { send: raw({ path: path(), headers: JSON_HEADERS, body }), status: 400, slug: 'malformed-json' },
    ],
  ),
  [
    'JSON sent as text/plain',
    {
      send: raw({ path: path(), headers: { ...AUTH, 'content-type': 'text/plain' }, body: '{}' }),
      status: 415,
      slug: 'unsupported-media-type',
    },
  ],
  [
    'no Content-Type',
    { send: raw({ path: path(), headers: AUTH, body: '{}' }), status: 415, slug: 'unsupported-media-type' },
  ],
  [
    'form data',
    {
      send: raw({
        path: path(),
        headers: { ...AUTH, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'cause=USER_BUSY',
      }),
      status: 415,
      slug: 'unsupported-media-type',
    },
  ],
  [
    'a body over the limit, by Content-Length',
    {
      send: raw({ path: path(), headers: JSON_HEADERS, body: `{"cause":"${'A'.repeat(20_000)}"}` }),
      status: 413,
      slug: 'content-too-large',
    },
  ],
  [
    'a body over the limit, chunked',
    {
      send: raw({
        path: path(),
        headers: { ...JSON_HEADERS, 'transfer-encoding': 'chunked' },
        chunks: Array.from({ length: 20 }, () => 'x'.repeat(1024)),
      }),
      status: 413,
      slug: 'content-too-large',
    },
  ],
  ['an unknown route', { send: raw({ path: '/api/v1/sessions', headers: JSON_HEADERS, body: '{}' }), status: 404 }],
  ['an unknown command', { send: raw({ path: path('transfer'), headers: JSON_HEADERS, body: '{}' }), status: 404 }],
  ['a wrong method', { send: raw({ method: 'GET', path: path('answer'), headers: AUTH }), status: 405 }],
  [
    'no credentials',
    {
      send: raw({ path: path(), headers: { 'content-type': 'application/json' }, body: '{}' }),
      status: 401,
      slug: 'unauthorized',
    },
  ],
  [
    'X-App-ID without X-API-Key',
    {
      send: raw({ path: path(), headers: { 'x-app-id': 'a', 'content-type': 'application/json' }, body: '{}' }),
      status: 401,
      slug: 'unauthorized',
    },
  ],
  [
    'X-App-ID sent twice',
    {
      send: raw({ path: path(), headers: { ...JSON_HEADERS, 'x-app-id': ['app-1', 'app-2'] }, body: '{}' }),
      status: 401,
      slug: 'unauthorized',
    },
  ],
  [
    'a session that is not a UUID',
    {
      send: raw({ path: path('answer', 'not-a-uuid'), headers: JSON_HEADERS, body: '{}' }),
      status: 422,
      slug: 'validation-failed',
      errors: [
        { parameter: 'uuid', detail: `must match pattern "${SESSION_UUID}"` },
        { parameter: 'uuid', detail: 'must match format "uuid"' },
      ],
    },
  ],
  ...[`urn:uuid:${newSession()}`, `%7B${newSession()}%7D`, newSession().replaceAll('-', '')].map(
    (id): Case => [
      `a session UUID not in canonical form (${id})`,
      {
        send: raw({ path: path('answer', id), headers: JSON_HEADERS, body: '{}' }),
        status: 422,
        slug: 'validation-failed',
        errors: expect.arrayContaining([{ parameter: 'uuid', detail: `must match pattern "${SESSION_UUID}"` }]),
      },
    ],
  ),
  [
    'a cause that breaks ^[A-Z_]+$',
    {
      send: raw({ path: path(), headers: JSON_HEADERS, body: '{"cause":"user_busy"}' }),
      status: 422,
      slug: 'validation-failed',
      errors: [{ pointer: '/cause', detail: 'must match pattern "^[A-Z_]+$"' }],
    },
  ],
  [
    'a cause over 64 characters',
    {
      send: raw({ path: path(), headers: JSON_HEADERS, body: JSON.stringify({ cause: 'A'.repeat(65) }) }),
      status: 422,
      slug: 'validation-failed',
      errors: [{ pointer: '/cause', detail: 'must NOT have more than 64 characters' }],
    },
  ],
  [
    'a command_uid over 128 characters',
    {
      send: raw({
        path: path('answer'),
        headers: JSON_HEADERS,
        body: JSON.stringify({ command_uid: 'a'.repeat(129) }),
      }),
      status: 422,
      slug: 'validation-failed',
      errors: [{ pointer: '/command_uid', detail: 'must NOT have more than 128 characters' }],
    },
  ],
  [
    'a command_uid with a space',
    {
      send: raw({ path: path('disconnect'), headers: JSON_HEADERS, body: '{"command_uid":"a b"}' }),
      status: 422,
      slug: 'validation-failed',
      errors: [{ pointer: '/command_uid', detail: 'must match pattern "^[a-zA-Z0-9._-]+$"' }],
    },
  ],
  [
    'a field answer does not take',
    {
      send: raw({ path: path('answer'), headers: JSON_HEADERS, body: '{"cause":"USER_BUSY"}' }),
      status: 422,
      slug: 'validation-failed',
      errors: [{ pointer: '/cause', detail: 'is not allowed: the command takes no such field' }],
    },
  ],
  [
    'a cause of the wrong type',
    {
      send: raw({ path: path(), headers: JSON_HEADERS, body: '{"cause":17}' }),
      status: 422,
      slug: 'validation-failed',
      errors: [{ pointer: '/cause', detail: 'must be string' }],
    },
  ],
  [
    'a member name given twice (RFC 7493: a proxy reading the first and the gateway the last would disagree)',
    {
      send: raw({ path: path(), headers: JSON_HEADERS, body: '{"cause":"x","cause":"USER_BUSY"}' }),
      status: 400,
      slug: 'malformed-json',
      errors: [{ pointer: '/cause', detail: 'is given more than once; send each member once (RFC 7493)' }],
    },
  ],
  [
    'a member name given twice, once escaped',
    {
      send: raw({ path: path(), headers: JSON_HEADERS, body: '{"command_uid":"a","command_\\u0075id":"b"}' }),
      status: 400,
      slug: 'malformed-json',
      errors: [{ pointer: '/command_uid', detail: 'is given more than once; send each member once (RFC 7493)' }],
    },
  ],
  [
    'a body that is not UTF-8',
    {
      send: raw({ path: path(), headers: JSON_HEADERS, body: Buffer.from([0x7b, 0xff, 0x7d]) }),
      status: 400,
      slug: 'malformed-json',
    },
  ],
  ...['iso-8859-1', 'utf-16', 'us-ascii'].map(
    (charset): Case => [
      `a charset other than UTF-8 (${charset})`,
      {
        send: raw({
          path: path(),
          headers: { ...JSON_HEADERS, 'content-type': `application/json; charset=${charset}` },
          body: '{}',
        }),
        status: 415,
        slug: 'unsupported-media-type',
      },
    ],
  ),
  ...['gzip', 'br', 'identity, gzip'].map(
    (coding): Case => [
      `a Content-Encoding other than identity (${coding})`,
      {
        send: raw({ path: path(), headers: { ...JSON_HEADERS, 'content-encoding': coding }, body: '{}' }),
        status: 415,
        slug: 'unsupported-media-type',
      },
    ],
  ),
  [
    'a JSON array instead of an object',
    {
      send: raw({ path: path(), headers: JSON_HEADERS, body: '[]' }),
      status: 422,
      slug: 'validation-failed',
      errors: [{ pointer: '', detail: 'must be object' }],
    },
  ],
];

describe('bad input', () => {
  it.each(cases)('%s', async (_name, { send, status, slug, errors }) => {
    const response = await send();
    const problem = await expectProblem(
      new Response(response.body, {
        status: response.status,
        headers: { 'content-type': String(response.headers['content-type']) },
      }),
      status,
      slug,
    );
    if (errors !== undefined) expect(problem.errors).toEqual(errors);
    if (status === 405) expect(response.headers.allow).toBe('POST');
    if (/Content-Encoding/.test(_name)) expect(response.headers['accept-encoding']).toBe('identity');
    // The server still answers the next good request.
    expect((await gateway.command(newSession(), 'answer')).status).toBe(202);
  });
});

describe('no body', () => {
  it.each([
    ['with Content-Type: application/json', JSON_HEADERS],
    ['without a Content-Type', AUTH],
    // What `curl -d ''` and axios send with an empty body.
    [
      'with Content-Type: application/x-www-form-urlencoded',
      { ...AUTH, 'content-type': 'application/x-www-form-urlencoded' },
    ],
    ['with Content-Type: multipart/form-data', { ...AUTH, 'content-type': 'multipart/form-data; boundary=x' }],
    ['with Content-Type: text/plain; charset=latin1', { ...AUTH, 'content-type': 'text/plain; charset=latin1' }],
  ])('is the same as {} (%s)', async (_name, headers) => {
    const response = await rawRequest(gateway.url, {
      path: path('hangup'),
      headers: { ...headers, 'content-length': '0' },
    });
    expect(response.status, response.body).toBe(202);
  });

  it.each([
    ['application/json; charset=utf-8', {}],
    ['application/json; charset="UTF-8"', {}],
    ['application/json', { 'content-encoding': 'identity' }],
  ])('a body sent as %s %j is read', async (type, extra) => {
    const response = await rawRequest(gateway.url, {
      path: path('hangup'),
      headers: { ...AUTH, 'content-type': type, ...extra },
      body: '{"cause":"USER_BUSY"}',
    });
    expect(response.status, response.body).toBe(202);
  });
});

describe('Prism passthrough and credentials', () => {
  it("Prism's Prefer: code=… still answers with the spec's example for that status", async () => {
    const response = await gateway.command(newSession(), 'answer', {}, { headers: { Prefer: 'code=409' } });
    const problem = await expectProblem(response, 409);
    expect(problem.type).toMatch(/invalid-session-state|command-in-flight/);
  });

  it('only the configured credentials are accepted when --app-id/--api-key are set', async () => {
    const strict = await startGateway({ appId: 'app-1', apiKey: 'key-1' });
    try {
      await expectProblem(await strict.command(newSession(), 'answer'), 401, 'unauthorized');
      const ok = await strict.command(
        newSession(),
        'answer',
        {},
        { headers: { 'X-App-ID': 'app-1', 'X-API-Key': 'key-1' } },
      );
      expect(ok.status).toBe(202);
    } finally {
      await strict.close();
    }
  });
});

describe("Prism's own Prefer negotiation", () => {
  it.each([
    ['a status code the operation does not document', 'code=599', /599/],
    ['an example the spec does not have', 'example=NoSuchExample', /NoSuchExample/],
    // Names every object has: Prism's lookup fails past them with a plain Error, not its problem.
    ...['__proto__', 'constructor', 'hasOwnProperty', 'NoSuchExample'].flatMap((name): [string, string, RegExp][] => [
      [`an example named ${name}`, `example=${name}`, new RegExp(name)],
      [`a documented code with an example named ${name}`, `code=409, example=${name}`, new RegExp(name)],
      [`the 202 with an example named ${name}`, `code=202, example=${name}`, new RegExp(name)],
    ]),
  ])('%s: the problem `prism mock` answers, not a 500', async (_name, prefer, detail) => {
    const response = await gateway.command(newSession(), 'hangup', {}, { headers: { Prefer: prefer } });
    const problem = await expectProblem(response, 404);
    expect(problem).toMatchObject({
      type: 'https://stoplight.io/prism/errors#NOT_FOUND',
      detail: expect.stringMatching(detail),
    });
    expect(gateway.lines.at(-1)).toContain(`(Prefer: ${prefer})`);
  });

  it('checks credentials and the body before Prefer, as for any request', async () => {
    const response = await gateway.command(
      newSession(),
      'hangup',
      { cause: 'busy' },
      { headers: { Prefer: 'code=599', 'X-API-Key': '' } },
    );
    await expectProblem(response, 401, 'unauthorized');
    const invalid = await gateway.command(
      newSession(),
      'hangup',
      { cause: 'busy' },
      { headers: { Prefer: 'code=202' } },
    );
    expect((await expectProblem(invalid, 422, 'validation-failed')).detail).toBe(
      'The request breaks 1 rule of the hangup command.',
    );
  });
});
