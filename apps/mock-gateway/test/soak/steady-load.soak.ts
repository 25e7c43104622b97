// Soak: 60 s of commands at a fixed rate against the mock gateway, with every webhook really
// delivered to a receiver. After a warm-up, resident memory must grow by less than 25% and
// the number of open handles must not grow.
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
  const gateway = await startGateway({ webhookUrl: receiver.url, webhookSecret: SECRET, maxSessions: 2_000, quiet: true });
  const agent = new Agent({ keepAlive: true, maxSockets: 16 });
  const { hostname, port } = new URL(gateway.url);
  let sent = 0;
  let accepted = 0;
  const fire = () =>
    new Promise<void>((resolve) => {
      sent += 1;
      const command = sent % 3 === 0 ? 'answer' : 'hangup';
      const req = request({ hostname, port, agent, method: 'POST', path: `/api/v1/sessions/${crypto.randomUUID()}/commands/${command}`, headers: { 'content-type': 'application/json', 'x-app-id': 'a', 'x-api-key': 'k' } }, (res) => {
        if (res.statusCode === 202) accepted += 1;
        res.resume().on('end', resolve);
      });
      req.on('error', () => resolve());
      req.end('{}');
    });

  const samples: { at: number; rss: number; handles: number }[] = [];
  const started = Date.now();
  const pending = new Set<Promise<void>>();
  const tick = setInterval(() => {
    for (let i = 0; i < RATE_PER_S / 10; i++) {
      const done = fire();
      pending.add(done);
      void done.then(() => pending.delete(done));
    }
  }, 100);
  const sampler = setInterval(() => {
    globalThis.gc?.();
    samples.push({ at: (Date.now() - started) / 1000, rss: process.memoryUsage().rss, handles: openHandles() });
  }, 1_000);
  await new Promise((resolve) => setTimeout(resolve, DURATION_S * 1000));
  clearInterval(tick);
  clearInterval(sampler);
  await Promise.all(pending);
  // Let the last webhooks go out (bounded).
  for (let waited = 0; gateway.dispatcher!.stats.queued > 0 && waited < 10_000; waited += 100) {
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const afterWarmUp = samples.filter(({ at }) => at >= WARM_UP_S);
  const base = afterWarmUp[0]!;
  const end = afterWarmUp.at(-1)!;
  const peakHandles = Math.max(...afterWarmUp.map(({ handles }) => handles));
  const report = {
    sent,
    accepted,
    delivered: gateway.dispatcher!.stats.delivered,
    undelivered: gateway.dispatcher!.stats.undelivered,
    rssAfterWarmUpMB: +(base.rss / 2 ** 20).toFixed(1),
    rssAtEndMB: +(end.rss / 2 ** 20).toFixed(1),
    rssGrowth: +((end.rss - base.rss) / base.rss).toFixed(3),
    handlesAfterWarmUp: base.handles,
    handlesAtEnd: end.handles,
    peakHandles,
  };
  console.log(`soak: ${JSON.stringify(report)}`);
  agent.destroy();
  await gateway.close();
  await receiver.close();

  expect(accepted).toBe(sent);
  expect(report.undelivered).toBe(0);
  expect(report.rssGrowth).toBeLessThan(0.25);
  // Sockets come and go with the load; the count at the end may not exceed the warm-up's by
  // more than the load's own connection pools (16 client sockets, 64 delivery sockets).
  expect(end.handles).toBeLessThanOrEqual(base.handles + 16);
});
