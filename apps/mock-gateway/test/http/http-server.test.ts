// The HTTP server: requests Node cannot parse still get a problem body before the connection
// closes, a handler that throws is a 500 problem (never a crash), and the server keeps serving.
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { createLog } from '../../src/common/log.js';
import { createHttpServer, listen } from '../../src/http/http-server.js';
import { createProblems } from '../../src/common/problems.js';
import { loadSpecModel } from '../../src/common/spec-model.js';
import { newSession, startGateway } from '../support/gateway.js';
import { rawExchange, rawSocket } from '../support/raw-http.js';
import { expectProblem, expectValid } from '../support/spec.js';

const path = (command = 'hangup', session: string = newSession()) => `/api/v1/sessions/${session}/commands/${command}`;
const gateway = await startGateway();
afterAll(() => gateway.close());

describe('requests Node cannot parse still get a problem body, then the connection closes', () => {
  const head = (extra: string) =>
    `POST ${path('answer')} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-App-ID: a\r\nX-API-Key: k\r\nContent-Type: application/json\r\n${extra}`;

  it.each([
    ['a broken request line', { payload: 'GARBAGE\r\n\r\n', status: 400, detail: /not well-formed HTTP/ }],
    [
      'a broken chunk',
      {
        payload: head('Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n'),
        status: 400,
        detail: /not well-formed HTTP/,
      },
    ],
    [
      'headers too large',
      { payload: head(`X-Big: ${'a'.repeat(20_000)}\r\n\r\n{}`), status: 431, detail: /headers are too large/ },
    ],
  ])('%s', async (_name, { payload, status, detail }) => {
    const response = await rawSocket(gateway.url, payload);
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json');
    const problem = JSON.parse(response.body);
    expectValid('Problem', problem);
    expect(problem).toMatchObject({ status, detail: expect.stringMatching(detail) });
    expect((await gateway.command(newSession(), 'answer')).status).toBe(202);
  });

  it('a body that stops arriving is answered 408 once the request timeout passes', async () => {
    const impatient = await startGateway({ requestTimeoutMs: 300 });
    try {
      // Content-Length promises 10 bytes; 2 come. The server cannot know more will never come.
      const response = await rawSocket(impatient.url, `${head('Content-Length: 10\r\n\r\n')}{}`);
      expect(response.status).toBe(408);
      expectValid('Problem', JSON.parse(response.body));
      expect(impatient.lines.filter((line) => line.includes('408'))).toHaveLength(1);
      expect((await impatient.command(newSession(), 'answer')).status).toBe(202);
    } finally {
      await impatient.close();
    }
  });
});

const commandRequest = (session: string, command = 'answer', extra = '', body = '{}') =>
  `POST ${path(command, session)} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-App-ID: a\r\nX-API-Key: k\r\nContent-Type: application/json\r\n` +
  `Content-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;
/** What the mock knows of a session: its state, or 'unknown' when no request ever reached it. */
const stateOf = async (session: string) => {
  const response = await fetch(`${gateway.url}/__mock/sessions/${session}`);
  return response.status === 404 ? 'unknown' : ((await response.json()) as { state: string }).state;
};

describe("a connection's requests: each executed one answered, in order; nothing after a close runs", () => {
  it.each<
    [string, { payload: (first: string, second: string) => string; statuses: number[]; states: [string, string] }]
  >([
    [
      'a command, then junk in the same packet: the command is answered, then the 400',
      {
        payload: (first) => `${commandRequest(first)}GARBAGE\r\n\r\n`,
        statuses: [202, 400],
        states: ['answered', 'unknown'],
      },
    ],
    [
      'a command, then a request with two Content-Lengths: the command is answered, then the 400',
      {
        payload: (first, second) =>
          `${commandRequest(first)}${commandRequest(second, 'answer', 'Content-Length: 3\r\n')}`,
        statuses: [202, 400],
        states: ['answered', 'unknown'],
      },
    ],
    [
      'a command with Connection: close, then one more byte: the command is answered, the connection closed',
      {
        payload: (first) => `${commandRequest(first, 'answer', 'Connection: close\r\n')}X`,
        statuses: [202],
        states: ['answered', 'unknown'],
      },
    ],
    [
      'a command, then headers too large: the command is answered, then the 431',
      {
        payload: (first, second) =>
          `${commandRequest(first)}POST ${path('answer', second)} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        statuses: [202, 431],
        states: ['answered', 'unknown'],
      },
    ],
    [
      'a 413 (Connection: close), then a command: the command does not run',
      {
        payload: (first, second) =>
          `${commandRequest(first, 'hangup', '', `{"cause":"${'A'.repeat(20_000)}"}`)}${commandRequest(second)}`,
        statuses: [413],
        states: ['unknown', 'unknown'],
      },
    ],
    [
      'two commands on one session: the second sees the first done',
      {
        payload: (first) => `${commandRequest(first)}${commandRequest(first, 'hangup', 'Connection: close\r\n')}`,
        statuses: [202, 202],
        states: ['ended', 'unknown'],
      },
    ],
  ])('%s', async (_name, { payload, statuses, states }) => {
    const [first, second] = [newSession(), newSession()];
    const { responses, closed } = await rawExchange(gateway.url, payload(first, second));
    expect(responses.map(({ status }) => status)).toEqual(statuses);
    expect(closed).toBe(true);
    for (const { status, body } of responses) if (status >= 400) expectValid('Problem', JSON.parse(body));
    expect([await stateOf(first), await stateOf(second)]).toEqual(states);
  });

  it('a GET of a session pipelined behind its command sees the command done', async () => {
    const session = newSession();
    const { responses } = await rawExchange(
      gateway.url,
      `${commandRequest(session)}GET /__mock/sessions/${session} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`,
    );
    expect(responses.map(({ status }) => status)).toEqual([202, 200]);
    expect(JSON.parse(responses[1]!.body)).toMatchObject({ session_uuid: session, state: 'answered' });
  });
});

describe("Node's own rejections carry a problem body", () => {
  it.each<[string, { payload: (session: string) => string | string[]; status: number; detail: RegExp }]>([
    [
      'an Expect the server cannot meet: 417',
      {
        payload: (session) => commandRequest(session, 'answer', 'Expect: teapot\r\nConnection: close\r\n'),
        status: 417,
        detail: /Expect: teapot/,
      },
    ],
    [
      'HTTP/1.1 without Host: 400',
      { payload: (session) => commandRequest(session).replace('Host: 127.0.0.1\r\n', ''), status: 400, detail: /Host/ },
    ],
    [
      'headers too large on a connection that already answered a request: 431',
      {
        payload: (session) => [
          commandRequest(newSession()),
          `POST ${path('answer', session)} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
        ],
        status: 431,
        detail: /headers are too large/,
      },
    ],
  ])('%s', async (_name, { payload, status, detail }) => {
    const session = newSession();
    const { responses } = await rawExchange(gateway.url, payload(session));
    const response = responses.at(-1)!;
    expect(response.status).toBe(status);
    expect(response.headers['content-type']).toBe('application/problem+json');
    const problem = JSON.parse(response.body);
    expectValid('Problem', problem);
    expect(problem).toMatchObject({ status, detail: expect.stringMatching(detail) });
    expect(await stateOf(session)).toBe('unknown'); // refused, so not run
  });
});

describe('a handler that fails', () => {
  it('is answered with the spec internal-error problem, and the server keeps serving', async () => {
    const problems = createProblems(loadSpecModel());
    let calls = 0;
    const warnings: string[] = [];
    const server = createHttpServer({
      handle: (_req, url) => {
        calls += 1;
        if (calls === 1) return Promise.reject(new Error('boom'));
        return Promise.resolve({ status: 200, headers: { 'content-type': 'text/plain' }, body: url.pathname });
      },
      problems,
      log: createLog({
        quiet: true,
        stream: new Writable({
          write: (chunk, _encoding, done) => {
            warnings.push(String(chunk));
            done();
          },
        }),
      }),
      requestTimeoutMs: 1_000,
      headersTimeoutMs: 1_000,
    });
    const url = await listen(server, 0, '127.0.0.1');
    try {
      const problem = await expectProblem(await fetch(`${url}/x`), 500, 'internal-error');
      expect(problem.instance).toBe('/x');
      expect(warnings[0]).toMatch(/^WARN internal error on GET \/x: Error: boom\n {4}at /);
      expect(await (await fetch(`${url}//y`)).text()).toBe('//y'); // a path, not a host
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('a long-lived answer (the event stream)', () => {
  it('gets the response once its headers are written, and writes as it likes', async () => {
    const problems = createProblems(loadSpecModel());
    const server = createHttpServer({
      handle: async () => ({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        stream: (res) => {
          res.write('data: one\n\n');
          setTimeout(() => res.end('data: two\n\n'), 20);
        },
      }),
      problems,
      log: createLog({ quiet: true }),
      requestTimeoutMs: 1_000,
      headersTimeoutMs: 1_000,
    });
    const url = await listen(server, 0, '127.0.0.1');
    try {
      const response = await fetch(`${url}/events`);
      expect([response.status, response.headers.get('content-type'), response.headers.get('content-length')]).toEqual([
        200,
        'text/event-stream',
        null,
      ]);
      expect(await response.text()).toBe('data: one\n\ndata: two\n\n');
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
