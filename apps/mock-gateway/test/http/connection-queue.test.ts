// The connection queue on a real node:http server: one request at a time per connection, in
// arrival order; nothing runs after an answer that closes the connection; when the connection
// breaks, the requests that arrived in full are still answered and the one that did not never runs.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createConnectionQueue, MAX_WAITING_PER_CONNECTION } from '../../src/http/connection-queue.js';
import { rawExchange } from '../support/raw-http.js';

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

/** A server whose answers go through the queue; `log` records when each request starts and ends. */
async function serve(
  answer: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
  onBroken?: (open: boolean) => void,
) {
  const queue = createConnectionQueue();
  const log: string[] = [];
  const server = createServer((req, res) =>
    queue.run(req, res, async () => {
      log.push(`start ${req.url}`);
      await answer(req, res);
      log.push(`end ${req.url}`);
      return { closes: res.getHeader('connection') === 'close' };
    }),
  );
  server.on(
    'clientError',
    (_error, socket) =>
      void queue.broken(socket).then((open) => {
        onBroken?.(open);
        socket.end(open ? 'HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\nconnection: close\r\n\r\n' : undefined);
      }),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, log };
}

const get = (path: string, extra = '') => `GET ${path} HTTP/1.1\r\nHost: x\r\n${extra}\r\n`;
const slowFirst = async (req: IncomingMessage, res: ServerResponse) => {
  if (req.url === '/slow') await new Promise((resolve) => setTimeout(resolve, 100));
  if (req.url === '/close') res.setHeader('connection', 'close');
  res.end(req.url);
};

it('runs pipelined requests one at a time, in order, however long each takes', async () => {
  const { url, log } = await serve(slowFirst);
  const { responses } = await rawExchange(
    url,
    `${get('/slow')}${get('/fast')}${get('/last', 'Connection: close\r\n')}`,
  );
  expect(responses.map(({ body }) => body)).toEqual(['/slow', '/fast', '/last']);
  expect(log).toEqual(['start /slow', 'end /slow', 'start /fast', 'end /fast', 'start /last', 'end /last']);
});

it('runs nothing on a connection after an answer that closes it', async () => {
  const { url, log } = await serve(slowFirst);
  const { responses, closed } = await rawExchange(url, `${get('/slow')}${get('/close')}${get('/never')}`);
  expect(responses.map(({ body }) => body)).toEqual(['/slow', '/close']);
  expect(closed).toBe(true);
  expect(log).not.toContain('start /never');
});

it('when the connection breaks, answers the complete requests first and never runs the incomplete one', async () => {
  let broken: boolean | undefined;
  const { url, log } = await serve(slowFirst, (open) => (broken = open));
  // The third request's chunked body breaks: it arrived in part only.
  const payload = `${get('/slow')}${get('/fast')}POST /partial HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\nzz\r\n`;
  const { responses } = await rawExchange(url, payload);
  expect(responses.map(({ status, body }) => `${status} ${body}`)).toEqual(['200 /slow', '200 /fast', '400 ']);
  expect(broken).toBe(true);
  expect(log).not.toContain('start /partial');
});

it('when a complete request closed the connection, tells the break not to answer', async () => {
  let broken: boolean | undefined;
  const { url } = await serve(slowFirst, (open) => (broken = open));
  const { responses } = await rawExchange(url, `${get('/close')}GARBAGE\r\n\r\n`);
  expect(responses.map(({ body }) => body)).toEqual(['/close']);
  expect(broken).toBe(false);
});

it(`reads a connection no further while more than ${MAX_WAITING_PER_CONNECTION} requests wait, and again once they are answered`, async () => {
  let release = () => {};
  const held = new Promise<void>((resolve) => (release = resolve));
  let handed = 0;
  const { url, log } = await serve(async (req, res) => {
    if (req.url === '/held') await held;
    res.end('ok');
  });
  servers[0]!.on('request', () => (handed += 1));
  // 10,000 small requests (~250 KB) in one go, behind one whose answer is held; the last closes.
  const count = 10_000;
  const payload = `${get('/held')}${get('/next').repeat(count - 2)}${get('/last', 'Connection: close\r\n')}`;
  const exchange = rawExchange(url, payload, 15_000);
  await new Promise((resolve) => setTimeout(resolve, 500));
  // Read as far as one read of the socket went: far fewer than were sent.
  const whileHeld = handed;
  release();
  const { responses, closed } = await exchange;
  expect(closed).toBe(true);
  expect(whileHeld).toBeLessThan(count / 2);
  expect(responses.length).toBe(count);
  expect(log.filter((line) => line.startsWith('end')).length).toBe(count);
}, 20_000);
