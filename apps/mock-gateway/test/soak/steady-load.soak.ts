// Soak: 60 s of commands at a fixed rate against the mock gateway, with every webhook really
// delivered to a receiver. Sampled idle after the warm-up and again after the run: resident
// memory must grow by less than 25%, and the number of open handles must not grow.
import { Agent, request } from 'node:http';
import { expect, it } from 'vitest';
import { startGateway } from '../support/gateway.js';
import { startReceiver } from '../support/receiver.js';

const RATE_PER_S = Number(process.env.SOAK_RATE ?? 200);
const DURATION_S = Number(process.env.SOAK_SECONDS ?? 60);
const WARM_UP_S = 15;
const SECRET = `whsec_${Buffer.from('mock-gateway-soak-test-secret!!!').toString('base64')}`;

const openHandles = () => process.getActiveResourcesInfo().filter((kind) => kind !== 'Timeout').length;

it(`holds memory and handles steady over ${DURATION_S} s at ${RATE_PER_S} commands/s`, async () => {
  const receiver = await startReceiver(SECRET);
  // The mock keeps ended sessions up to maxSessions by design; a cap reached during the warm-up
  // makes what follows a test of leaks, not of that retention.
  const gateway = await startGateway({
    webhookUrl: receiver.url,
    webhookSecret: SECRET,
    maxSessions: 2_000,
    quiet: true,
  });
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const { hostname, port } = new URL(gateway.url);
  let sent = 0;
  let accepted = 0;
  const fire = () =>
    new Promise<void>((resolve) => {
      sent += 1;
      const command = sent % 3 === 0 ? 'answer' : 'hangup';
      const req = request(
        {
          hostname,
          port,
          agent,
          method: 'POST',
          path: `/api/v1/sessions/${crypto.randomUUID()}/commands/${command}`,
          headers: { 'content-type': 'application/json', 'x-app-id': 'a', 'x-api-key': 'k' },
        },
        (res) => {
          if (res.statusCode === 202) accepted += 1;
          res.resume().on('end', resolve);
        },
      );
      req.on('error', () => resolve());
      req.end('{}');
    });

  const pending = new Set<Promise<void>>();
  /** Sends RATE_PER_S commands a second for `seconds`, then waits for every answer. */
  const runLoad = async (seconds: number) => {
    const tick = setInterval(() => {
      for (let i = 0; i < RATE_PER_S / 10; i++) {
        const done = fire();
        pending.add(done);
        void done.then(() => pending.delete(done));
      }
    }, 100);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    clearInterval(tick);
    await Promise.all(pending);
  };
  /** Lets the last webhooks go out and every keep-alive socket time out (5 s), then samples. */
  const settleAndSample = async () => {
    for (let waited = 0; gateway.stats().webhooks.queued > 0 && waited < 10_000; waited += 100) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    globalThis.gc?.();
    return { rss: process.memoryUsage().rss, handles: openHandles() };
  };

  await runLoad(WARM_UP_S);
  const base = await settleAndSample();
  await runLoad(DURATION_S - WARM_UP_S);
  const end = await settleAndSample();

  const report = {
    sent,
    accepted,
    delivered: gateway.stats().webhooks.delivered,
    undelivered: gateway.stats().webhooks.undelivered,
    rssAfterWarmUpMB: +(base.rss / 2 ** 20).toFixed(1),
    rssAtEndMB: +(end.rss / 2 ** 20).toFixed(1),
    rssGrowth: +((end.rss - base.rss) / base.rss).toFixed(3),
    handlesAfterWarmUp: base.handles,
    handlesAtEnd: end.handles,
  };
  console.log(`soak: ${JSON.stringify(report)}`);
  agent.destroy();
  await gateway.close();
  await receiver.close();

  expect(accepted).toBe(sent);
  expect(report.undelivered).toBe(0);
  expect(report.rssGrowth).toBeLessThan(0.25);
  // Both samples are taken idle, after keep-alive sockets have timed out: the same handles.
  expect(end.handles).toBeLessThanOrEqual(base.handles);
});
