// A resend flood and idle subscribers cannot grow the mock. One delivery is resent 10,000
// times (each resend adds attempts to its journal entry, and changes to the stream), then 10
// subscribers open the event stream and read nothing, then 1,000 more resends reach them
// live. The journal keeps an entry's first attempt and its latest few, the stream publishes
// changes (not whole entries) into a history bounded in bytes, the replay goes out only as
// fast as a subscriber reads, and one that reads nothing is dropped. The heap and the process' RSS
// (which counts what a socket holds outside the heap) are measured after a full collection and
// printed; neither may grow 50 MB.
import { Agent, createServer, request } from 'node:http';
import { connect, type Socket } from 'node:net';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { startMockGateway } from '../../src/mock-gateway.js';
import { createLog } from '../../src/common/log.js';
import { KEPT_LATEST_ATTEMPTS } from '../../src/workbench/delivery-journal.js';
import { DEFAULT_MAX_HISTORY_BYTES } from '../../src/workbench/event-stream.js';
import { newSession } from '../support/gateway.js';

const LIMIT_MB = 50;
const RESENDS = 10_000;
const SUBSCRIBERS = 10;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/**
 * Memory after a full collection, in MB: the heap, and the whole process (RSS), which also
 * counts what sockets hold outside the heap (a reply Node copied out to write it).
 */
const memoryMb = () => {
  gc();
  gc();
  const { heapUsed, rss } = process.memoryUsage();
  return { heap: heapUsed / 2 ** 20, rss: rss / 2 ** 20 };
};

it(`${RESENDS.toLocaleString('en')} resends and ${SUBSCRIBERS} idle subscribers: the heap and the process grow less than ${LIMIT_MB} MB`, async () => {
  // A receiver that keeps nothing: every attempt is answered 204.
  const receiver = createServer((req, res) => req.resume().on('end', () => res.writeHead(204).end()));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const receiverPort = (receiver.address() as { port: number }).port;
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const gateway = await startMockGateway({
    port: 0,
    webhookUrl: `http://127.0.0.1:${receiverPort}/hooks`,
    log: createLog({ stream: quiet, quiet: true }),
    shutdownGraceMs: 0,
  });
  const { port } = new URL(gateway.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  const subscribers: Socket[] = [];
  const once = (method: string, path: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers = { 'x-app-id': 'a', 'x-api-key': 'k', 'content-length': '0' };
      const req = request({ host: '127.0.0.1', port, method, path, headers, agent }, (res) => {
        let body = '';
        res.on('data', (chunk) => (body += chunk)).on('end', () => resolve({ status: res.statusCode!, body }));
      });
      req.on('error', reject).end();
    });
  // A kept-alive socket the server closed as it was reused (its idle timeout) is tried once more.
  const call = (method: string, path: string) =>
    once(method, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ECONNRESET') return once(method, path);
      throw error;
    });
  const resend = async (id: string, times: number) => {
    let sent = 0;
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (sent < times) {
          sent += 1;
          const { status } = await call('POST', `/__mock/deliveries/${id}/resend`);
          if (status !== 202) throw new Error(`resend: ${status}`);
        }
      }),
    );
  };
  try {
    const session = newSession();
    expect((await call('POST', `/api/v1/sessions/${session}/commands/answer`)).status).toBe(202);
    // A webhook is journaled when it is due: wait for the first.
    const journal = JSON.parse((await call('GET', `/__mock/deliveries?session=${session}&wait_ms=5000`)).body);
    const { id } = journal.deliveries[0];
    await resend(id, 200); // warm: the JIT, the pools, the history's ring
    const before = memoryMb();

    await resend(id, RESENDS);
    // Subscribers that read nothing: the replay waits for them, and they are dropped once they fall behind.
    for (let i = 0; i < SUBSCRIBERS; i++) {
      const socket = connect(Number(port), '127.0.0.1', () =>
        socket.write(`GET /__mock/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`),
      );
      socket.on('error', () => {});
      socket.pause();
      subscribers.push(socket);
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
    await resend(id, RESENDS / 10);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const after = memoryMb();
    const grownMb = after.heap - before.heap;
    const rssMb = after.rss - before.rss;

    const entry = JSON.parse((await call('GET', `/__mock/deliveries?session=${session}`)).body).deliveries.find(
      (delivery: { id: string }) => delivery.id === id,
    );
    console.log(
      `memory: ${RESENDS.toLocaleString('en')} resends, then ${SUBSCRIBERS} idle subscribers, then ${(RESENDS / 10).toLocaleString('en')} more: ` +
        `heap +${grownMb.toFixed(1)} MB, process (RSS) +${rssMb.toFixed(1)} MB; the entry keeps ${entry.attempts.length} of ${entry.attempts_total} attempts; ` +
        `history at most ${DEFAULT_MAX_HISTORY_BYTES / 2 ** 20} MiB`,
    );
    expect(grownMb).toBeLessThan(LIMIT_MB);
    expect(rssMb).toBeLessThan(LIMIT_MB);
    expect(entry.attempts).toHaveLength(1 + KEPT_LATEST_ATTEMPTS);
    // Resends of an event already waiting are one delivery run; still, far more attempts than kept.
    expect(entry.attempts_total).toBeGreaterThan(10 * (1 + KEPT_LATEST_ATTEMPTS));
  } finally {
    for (const socket of subscribers) socket.destroy();
    agent.destroy();
    await gateway.close();
    await new Promise((resolve) => receiver.close(resolve));
  }
}, 180_000);
