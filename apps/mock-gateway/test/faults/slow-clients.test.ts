// Slow clients: one that sends its headers too slowly, and one that sends its body too slowly,
// are cut off by the server's timeouts — while other clients are served as usual.
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newSession, startGateway } from '../support/gateway.js';

let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  gateway = await startGateway({ headersTimeoutMs: 500, requestTimeoutMs: 1_000 });
});
afterAll(() => gateway.close());

/** Opens a raw connection that writes `chunks` one by one, `everyMs` apart; resolves when the server closes it. */
function trickle(
  chunks: string[],
  everyMs: number,
): Promise<{ closedAfterMs: number; received: string; sentAll: boolean }> {
  const { port } = new URL(gateway.url);
  const started = Date.now();
  return new Promise((resolve) => {
    const socket: Socket = connect(Number(port), '127.0.0.1');
    let received = '';
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < chunks.length && !socket.destroyed) socket.write(chunks[sent++]!);
    }, everyMs);
    socket.on('data', (data) => (received += data));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ closedAfterMs: Date.now() - started, received, sentAll: sent === chunks.length });
    });
  });
}

it('cuts off a client that sends its headers too slowly, and keeps serving the others', async () => {
  const session = newSession();
  const headerLines = [
    `POST /api/v1/sessions/${session}/commands/answer HTTP/1.1\r\n`,
    'Host: 127.0.0.1\r\n',
    'X-App-ID: slow\r\n',
    'X-API-Key: slow\r\n',
    'Content-Type: application/json\r\n',
    'Content-Length: 2\r\n',
    '\r\n{}',
  ];
  const slow = trickle(headerLines, 300); // 1.8 s for the headers: over the 0.5 s limit
  // Meanwhile, ordinary clients are answered as usual.
  const others = [];
  for (let i = 0; i < 20; i++) {
    others.push((await gateway.command(newSession(), 'answer')).status);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const { closedAfterMs, received, sentAll } = await slow;
  expect(others.every((status) => status === 202)).toBe(true);
  expect(sentAll).toBe(false);
  expect(closedAfterMs).toBeLessThan(1_800);
  expect(received).toMatch(/^HTTP\/1\.1 408/);
});

it('cuts off a client that sends its body too slowly', async () => {
  const session = newSession();
  const body = '{"command_uid":"slow-body-1"}';
  const head = `POST /api/v1/sessions/${session}/commands/answer HTTP/1.1\r\nHost: 127.0.0.1\r\nX-App-ID: a\r\nX-API-Key: k\r\nContent-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n`;
  const { closedAfterMs, received, sentAll } = await trickle([head, ...body.split('')], 100); // ~3 s for the body
  expect(sentAll).toBe(false);
  expect(closedAfterMs).toBeLessThan(2_500);
  expect(received).toMatch(/^HTTP\/1\.1 408/);
  // The slow request was never executed: the session is still ringing (answer succeeds).
  expect((await gateway.command(session, 'answer')).status).toBe(202);
});
