// A connection cannot make the mock hold its requests without end. 50,000 tiny commands are
// pipelined on one raw socket behind one whose answer `dispatch-delay` holds: Node would parse
// them all while the first waits (200,000 of them once took 522 MB). The mock reads the
// connection no further once more than MAX_WAITING_PER_CONNECTION wait. The heap is measured
// after a full collection, before and while the answer is held, and printed with how many of
// the requests were read.
import { connect } from 'node:net';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { expect, it } from 'vitest';
import { MAX_WAITING_PER_CONNECTION } from '../../src/http/connection-queue.js';
import { startMockGateway } from '../../src/mock-gateway.js';
import { createLog } from '../../src/common/log.js';
import { newSession } from '../support/gateway.js';

const COMMANDS = 50_000;
/** What one read of the socket (64 KiB) can hold of them, besides those waiting: the most read ahead. */
const READ_AHEAD = Math.ceil((64 * 1024) / 100);
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

it(`${COMMANDS.toLocaleString('en')} pipelined commands behind a held answer: read no further than the bound, the heap stays flat`, async () => {
  const quiet = new Writable({ write: (_chunk, _encoding, done) => done() });
  const gateway = await startMockGateway({
    port: 0,
    log: createLog({ stream: quiet, quiet: true }),
    shutdownGraceMs: 0,
  });
  let read = 0;
  gateway.server.on('request', () => (read += 1));
  const { port } = new URL(gateway.url);
  const command = (session: string, extra = '') =>
    `POST /api/v1/sessions/${session}/commands/answer HTTP/1.1\r\nHost: 127.0.0.1\r\nX-App-ID: a\r\nX-API-Key: k\r\n${extra}Content-Length: 0\r\n\r\n`;
  // Bytes, not a string: what the client has yet to send is not on the heap being measured.
  const tiny = command(newSession());
  const payload = Buffer.from(
    command(newSession(), 'X-Mock-Scenario: dispatch-delay=20000\r\n') + tiny.repeat(COMMANDS),
  );
  expect(tiny.length).toBeLessThan(200);

  const before = heapMb();
  const socket = connect(Number(port), '127.0.0.1');
  socket.on('error', () => {});
  try {
    socket.write(payload);
    // Until the server has read all it will (no new request in 500 ms), at most 10 s.
    for (let last = -1, waited = 0; read !== last && waited < 10_000; waited += 500) {
      last = read;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    const grownMb = heapMb() - before;
    console.log(
      `memory: ${COMMANDS.toLocaleString('en')} pipelined commands behind a held answer: heap +${grownMb.toFixed(1)} MB; ` +
        `${read} requests read (${MAX_WAITING_PER_CONNECTION} may wait, plus what one 64 KiB read held)`,
    );
    expect(read).toBeLessThanOrEqual(1 + MAX_WAITING_PER_CONNECTION + READ_AHEAD);
    expect(grownMb).toBeLessThan(10);
  } finally {
    socket.destroy();
    await gateway.close();
  }
}, 60_000);
