// Memory stays bounded where a client or a receiver could grow it without end: the webhook
// backlog while the receiver is down (on the real retry schedule, so nothing gives up), and the
// command_uid keys of one session. The heap is measured after a full collection, before and
// after, and the growth printed; each must stay under 50 MB with the default bounds.
import { Agent, request } from 'node:http';
import { Writable } from 'node:stream';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterEach, expect, it } from 'vitest';
import { systemClock } from '../../src/common/clock.js';
import { createCallTimeline } from '../../src/commands/call-timeline.js';
import { createCommandExecution } from '../../src/commands/command-execution.js';
import { createCommandTable } from '../../src/commands/command-table.js';
import { createIdempotencyStore, DEFAULT_MAX_KEYS_PER_SESSION } from '../../src/commands/idempotency.js';
import { createLog } from '../../src/common/log.js';
import { startMockGateway } from '../../src/mock-gateway.js';
import { createProblems } from '../../src/common/problems.js';
import { createSessionStore } from '../../src/commands/sessions.js';
import { loadSpecModel } from '../../src/common/spec-model.js';
import { DEFAULT_MAX_BACKLOG, DEFAULT_MAX_BACKLOG_PER_SESSION } from '../../src/delivery/webhook-dispatcher.js';
import { createInboxDispatcher } from '../../src/delivery/inbox-dispatcher.js';
import { startReceiver } from '../support/receiver.js';

const LIMIT_MB = 50;
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
/** The heap in use after a full collection, in MB. */
const heapMb = () => {
  gc();
  gc();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

/** A log that counts its lines and keeps none (a kept log would be the growth). */
function countingLog() {
  const count = { lines: 0 };
  const stream = new Writable({
    write: (chunk, _encoding, done) => {
      count.lines += String(chunk).split('\n').length - 1;
      done();
    },
  });
  return { log: createLog({ stream, quiet: true }), count };
}

it(`30,000 commands with the receiver down, on the real retry schedule: the heap grows less than ${LIMIT_MB} MB`, async () => {
  const receiver = await startReceiver(`whsec_${Buffer.from('memory-bounds-receiver-key-32byt').toString('base64')}`, {
    startDown: true,
  });
  cleanups.push(() => receiver.close());
  const { log, count } = countingLog();
  const gateway = await startMockGateway({ port: 0, webhookUrl: receiver.url, retryScale: 1, shutdownGraceMs: 0, log });
  cleanups.push(() => gateway.close());
  const agent = new Agent({ keepAlive: true, maxSockets: 8 });
  cleanups.push(async () => agent.destroy());
  const { port } = new URL(gateway.url);
  const answer = () =>
    new Promise<number>((resolve, reject) => {
      const headers = { 'x-app-id': 'app', 'x-api-key': 'key', 'content-length': '0' };
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: `/api/v1/sessions/${crypto.randomUUID()}/commands/answer`,
          headers,
          agent,
        },
        (res) => {
          res.resume().on('end', () => resolve(res.statusCode!));
        },
      );
      req.on('error', reject).end();
    });
  const run = async (commands: number) => {
    let sent = 0;
    const statuses = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const seen = new Set<number>();
        while (sent < commands) {
          sent += 1;
          seen.add(await answer());
        }
        return [...seen];
      }),
    );
    expect([...new Set(statuses.flat())]).toEqual([202]);
  };

  await run(1_000); // warm: Prism, the JIT, the pools
  const before = heapMb();
  await run(30_000);
  const grownMb = heapMb() - before;
  // The last answers' webhooks go to delivery when they are due, 20 ms on.
  await new Promise((resolve) => setTimeout(resolve, 100));
  const stats = gateway.stats().webhooks;
  console.log(
    `memory: 30,000 commands, receiver down, real schedule: heap +${grownMb.toFixed(1)} MB; ` +
      `${stats.queued} webhooks queued (at most ${DEFAULT_MAX_BACKLOG}, ${DEFAULT_MAX_BACKLOG_PER_SESSION} per session), ${stats.overflowed} refused and logged (${count.lines} log lines)`,
  );
  expect(grownMb).toBeLessThan(LIMIT_MB);
  expect(stats.queued).toBe(DEFAULT_MAX_BACKLOG);
  expect(stats.queued + stats.overflowed).toBe(2 * 31_000); // two webhooks per answer, none lost silently
  expect(count.lines).toBeGreaterThanOrEqual(stats.overflowed);
}, 120_000);

// Through the command execution as the gateway wires it: HTTP and Prism keep nothing per
// request, and 100,000 requests through them would take a minute of CPU.
it(`100,000 command_uids on one session: the heap grows less than ${LIMIT_MB} MB`, async () => {
  const model = loadSpecModel();
  const { log } = countingLog();
  const idempotency = createIdempotencyStore();
  const sessions = createSessionStore({ onEvict: idempotency.forgetSession });
  const execution = createCommandExecution({
    model,
    sessions,
    idempotency,
    problems: createProblems(model),
    timeline: createCallTimeline({ outbox: createInboxDispatcher({ log }), clock: systemClock }),
    log,
    clock: systemClock,
  });
  const entry = createCommandTable(model).get('answer')!;
  const session = crypto.randomUUID();
  const run = async (from: number, to: number) => {
    for (let n = from; n < to; n++) {
      // A failed answer leaves the call ringing, so every key is a new accepted command.
      const result = await execution.run({
        entry,
        sessionUuid: session,
        appId: 'app',
        body: { command_uid: `uid-${n}` },
        instance: `/api/v1/sessions/${session}/commands/answer`,
        scenario: 'result=failed',
      });
      if (result.status !== 202) throw new Error(`command ${n}: ${result.status} ${result.body}`);
    }
  };

  await run(0, 2_000); // warm, and fill the session's keys to their bound
  const before = heapMb();
  await run(2_000, 102_000);
  const grownMb = heapMb() - before;
  console.log(
    `memory: 100,000 command_uids on one session: heap +${grownMb.toFixed(1)} MB; ${idempotency.size} keys kept (at most ${DEFAULT_MAX_KEYS_PER_SESSION}), ${idempotency.forgotten} forgotten`,
  );
  expect(grownMb).toBeLessThan(LIMIT_MB);
  expect(idempotency.size).toBe(DEFAULT_MAX_KEYS_PER_SESSION);
}, 120_000);
