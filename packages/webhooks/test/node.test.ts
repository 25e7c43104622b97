// toNodeListener behind a real node:http server on 127.0.0.1, driven over raw sockets where the
// framing matters (a declared length with no body behind it).
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeListener } from '../src/node.js';
import { signWebhook } from '../src/sign-webhook.js';
import { createWebhookHandler } from '../src/webhook-handler.js';
import { SECRET, example } from './support/fixtures.js';

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

async function listen(
  handler: (request: Request) => Promise<Response>,
  options: Parameters<typeof toNodeListener>[1],
): Promise<number> {
  server = createServer(toNodeListener(handler, options));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

/** Sends `head` on a raw socket and resolves with all the server wrote until it closed, or what came by `waitMs`. */
function exchange(port: number, head: string, waitMs: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(head));
    let received = '';
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(received);
    };
    const timer = setTimeout(done, waitMs);
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('end', done);
    socket.on('error', done);
  });
}

const handled: string[] = [];
const recordingHandler = async (request: Request) => {
  handled.push(await request.text());
  return new Response(null, { status: 204 });
};

describe('toNodeListener', () => {
  it('refuses a declared Content-Length over maxBodyBytes at the header, without waiting for the body', async () => {
    handled.length = 0;
    const port = await listen(recordingHandler, { maxBodyBytes: 1024 });
    // The body is announced but never sent: only an answer given at the header arrives.
    const answer = await exchange(
      port,
      'POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1048576\r\n\r\n',
      5_000,
    );
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/\r\nconnection: close\r\n/i);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({
      status: 413,
      detail: 'the body is over 1024 bytes',
    });
    expect(handled).toEqual([]);
  });

  it('still counts a body without a declared length, and refuses it once it is over', async () => {
    handled.length = 0;
    const port = await listen(recordingHandler, { maxBodyBytes: 1024 });
    const chunk = 'x'.repeat(800);
    const chunked = `POST /webhooks HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${(800).toString(16)}\r\n${chunk}\r\n${(800).toString(16)}\r\n${chunk}\r\n`;
    expect(await exchange(port, chunked, 5_000)).toMatch(/^HTTP\/1\.1 413 /);
    expect(handled).toEqual([]);
  });

  it('serves a body at the limit', async () => {
    handled.length = 0;
    const port = await listen(recordingHandler, { maxBodyBytes: 1024 });
    const response = await fetch(`http://127.0.0.1:${port}/webhooks`, { method: 'POST', body: 'y'.repeat(1024) });
    expect(response.status).toBe(204);
    expect(handled).toEqual(['y'.repeat(1024)]);
  });

  it('answers 500 without the error message when the handler rejects, and hands the error to onError', async () => {
    const logged: unknown[] = [];
    const secretLeak = new Error('connect to postgres://receiver:hunter2@db.internal failed');
    const port = await listen(() => Promise.reject(secretLeak), { onError: (error) => logged.push(error) });
    const response = await fetch(`http://127.0.0.1:${port}/webhooks`, { method: 'POST', body: '{}' });
    const text = await response.text();
    expect(response.status).toBe(500);
    expect(response.headers.get('content-type')).toBe('application/problem+json');
    expect(text).not.toContain('hunter2');
    expect(JSON.parse(text)).toMatchObject({ status: 500, title: 'Webhook receiver failed' });
    expect(logged).toEqual([secretLeak]);
  });
});

// The receiver needs no Host: whatever the sender writes there (or leaves out), the request is
// framed with a fixed origin and reaches the signature check. What cannot be framed at all is
// the sender's mistake — a 400 — and never an onError, which is for the receiver's own failures.
describe('toNodeListener and what the sender controls', () => {
  const event = example('CommandResultSucceeded');
  const body = JSON.stringify(event);
  const seenUrls: string[] = [];
  const onError = (error: unknown) => errors.push(error);
  const errors: unknown[] = [];
  const receiver = () =>
    listen(
      createWebhookHandler({
        secret: SECRET,
        on: {
          'command.result': (_event, { request }) => void seenUrls.push(request.url),
          'call.answered': () => {},
          'call.hangup': () => {},
        },
        onError,
      }),
      { onError },
    );

  /** One raw HTTP request: `host` undefined sends no Host line; `signed` adds the delivery's headers. */
  function raw({ line = 'POST /webhooks HTTP/1.1', host, signed }: { line?: string; host?: string; signed: boolean }) {
    const headers = signed ? Object.entries(signWebhook({ id: event.id, body, secret: SECRET })) : [];
    return [
      line,
      ...(host === undefined ? [] : [`Host: ${host}`]),
      'Content-Type: application/json',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      ...headers.map(([name, value]) => `${name}: ${value}`),
      '',
      body,
    ].join('\r\n');
  }
  const statusOf = (answer: string) => Number(/^HTTP\/1\.[01] (\d{3}) /.exec(answer)?.[1]);

  const hosts: [string, string | undefined, string][] = [
    ['a space', 'a b', 'POST /webhooks HTTP/1.1'],
    ['an open bracket', '[', 'POST /webhooks HTTP/1.1'],
    ['an unclosed IPv6 literal', '[::1', 'POST /webhooks HTTP/1.1'],
    ['userinfo', 'x@evil.example', 'POST /webhooks HTTP/1.1'],
    ['a colon only', ':', 'POST /webhooks HTTP/1.1'],
    ['a port out of range', 'evil.example:99999', 'POST /webhooks HTTP/1.1'],
    ['a port that is no number', 'localhost:abc', 'POST /webhooks HTTP/1.1'],
    ['a path, a query and a fragment', 'a/b?c#d', 'POST /webhooks HTTP/1.1'],
    ['a bad percent escape', '%zz', 'POST /webhooks HTTP/1.1'],
    ['a backslash', 'a\\b', 'POST /webhooks HTTP/1.1'],
    ['nothing (empty)', '', 'POST /webhooks HTTP/1.1'],
    ['no Host line (HTTP/1.0)', undefined, 'POST /webhooks HTTP/1.0'],
    ['8,000 characters', 'a'.repeat(8_000), 'POST /webhooks HTTP/1.1'],
    ['non-ASCII (UTF-8 bytes)', 'bücher.example', 'POST /webhooks HTTP/1.1'],
    ['an emoji', '\u{1F600}', 'POST /webhooks HTTP/1.1'],
    ['a valid name', 'receiver.example', 'POST /webhooks HTTP/1.1'],
  ];

  it.each(hosts)('Host with %s: an unsigned request gets the 401, no onError', async (_name, host, line) => {
    errors.length = 0;
    const port = await receiver();
    const answer = await exchange(port, raw({ line, host, signed: false }), 5_000);
    expect(statusOf(answer)).toBe(401);
    expect(answer).toContain('"reason":"missing_header"'); // (a chunked body: read as text)
    expect(errors).toEqual([]);
  });

  it.each(hosts)('Host with %s: a signed delivery is handled, at the fixed origin', async (_name, host, line) => {
    errors.length = 0;
    seenUrls.length = 0;
    const port = await receiver();
    expect(statusOf(await exchange(port, raw({ line, host, signed: true }), 5_000))).toBe(204);
    expect(seenUrls).toEqual(['http://localhost/webhooks']);
    expect(errors).toEqual([]);
  });

  // The request target: the path is the request's own, whatever form it comes in; one that is
  // not a path, or a method fetch refuses, is a 400 that never reaches the handler.
  it.each([
    ['the absolute form', 'POST http://evil.example/webhooks?x=1 HTTP/1.1', 'http://localhost/webhooks?x=1'],
    [
      'a path that looks like an authority',
      'POST //evil.example/webhooks HTTP/1.1',
      'http://localhost//evil.example/webhooks',
    ],
  ])('a request target in %s keeps its path and query', async (_name, line, url) => {
    seenUrls.length = 0;
    const port = await receiver();
    expect(statusOf(await exchange(port, raw({ line, host: 'x', signed: true }), 5_000))).toBe(204);
    expect(seenUrls).toEqual([url]);
  });

  it.each([
    ['the asterisk form', 'OPTIONS * HTTP/1.1', 'is not a path'],
    ['the method TRACE', 'TRACE /webhooks HTTP/1.1', 'cannot be read as a fetch Request'],
  ])('%s: a 400 problem, the handler not called, no onError', async (_name, line, detail) => {
    errors.length = 0;
    handled.length = 0;
    const port = await listen(recordingHandler, { onError });
    const answer = await exchange(port, raw({ line, host: 'x', signed: false }), 5_000);
    expect(statusOf(answer)).toBe(400);
    const problem = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4));
    expect(problem).toMatchObject({ status: 400, title: 'Webhook request malformed' });
    expect(problem.detail).toContain(detail);
    expect(handled).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a sender that hangs up in the middle of its body is no error of the receiver', async () => {
    errors.length = 0;
    handled.length = 0;
    const port = await listen(recordingHandler, { onError });
    const head = 'POST /webhooks HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n';
    await new Promise<void>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => socket.write(`${head}${'x'.repeat(10)}`, () => socket.destroy()));
      socket.on('close', () => resolve());
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(handled).toEqual([]);
    expect(errors).toEqual([]);
  });
});
