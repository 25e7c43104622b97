// toNodeListener behind a real node:http server on 127.0.0.1, driven over raw sockets where the
// framing matters (a declared length with no body behind it).
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { toNodeListener } from '../src/node.js';

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
