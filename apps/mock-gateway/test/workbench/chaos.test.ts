// Chaos for receivers: the rules of --latency and --webhook-duplicates, and what each does to
// a real gateway — a response held after the command ran; every event delivered twice with
// one webhook-id, which a deduping receiver handles once.
import FakeTimers from '@sinonjs/fake-timers';
import { describe, expect, it, vi } from 'vitest';
import { checkChaos, describeLatency, drawLatency, parseLatency, parseRate } from '../../src/workbench/chaos.js';
import { control, readStream } from '../support/control-plane.js';
import { newSession, startGateway } from '../support/gateway.js';
import { startReceiver } from '../support/receiver.js';

describe('parseLatency', () => {
  it.each([
    ['200', { minMs: 200, maxMs: 200 }],
    ['100-500', { minMs: 100, maxMs: 500 }],
    ['0', { minMs: 0, maxMs: 0 }],
    [' 60000 ', { minMs: 60_000, maxMs: 60_000 }],
  ])('%j → %j', (text, range) => {
    expect(parseLatency(text)).toEqual(range);
  });

  it.each(['', 'fast', '-5', '500-100', '1.5', '60001', '1-60001', '100-', '1e3'])(
    'refuses %j with the rule',
    (text) => {
      expect(parseLatency(text)).toEqual({
        error: `must be MIN or MIN-MAX in milliseconds (0–60000), MIN ≤ MAX, not "${text}"`,
      });
    },
  );
});

describe('parseRate', () => {
  it.each([
    ['0', 0],
    ['1', 1],
    ['0.25', 0.25],
    ['.5', 0.5],
    ['1.0', 1],
  ])('%j → %d', (text, rate) => {
    expect(parseRate(text)).toBe(rate);
  });

  it.each(['', 'half', '-0.1', '1.01', '2', 'NaN', '0x1', '1e-1'])('refuses %j', (text) => {
    expect(parseRate(text)).toEqual({ error: `must be a number from 0 to 1, not "${text}"` });
  });
});

it.each([
  [{ latency: { minMs: 5, maxMs: 1 } }, /latency must be whole milliseconds/],
  [{ latency: { minMs: 0.5, maxMs: 1 } }, /latency must be whole milliseconds/],
  [{ duplicateRate: 1.5 }, /webhookDuplicates must be from 0 to 1/],
  [{ duplicateRate: Number.NaN }, /webhookDuplicates must be from 0 to 1/],
])('checkChaos refuses %j', (options, message) => {
  expect(checkChaos(options)).toMatch(message);
});

it('draws a latency evenly over the range, both ends included, and says it', () => {
  expect([0, 0.5, 0.999_999].map((roll) => drawLatency({ minMs: 100, maxMs: 200 }, () => roll))).toEqual([
    100, 150, 200,
  ]);
  expect([describeLatency({ minMs: 200, maxMs: 200 }), describeLatency({ minMs: 100, maxMs: 500 })]).toEqual([
    '200 ms',
    '100–500 ms',
  ]);
});

describe('latency 200: no response before 200 ms (on the gateway’s clock)', () => {
  it('holds the answer after the command ran, and says so in the stream and the log', async () => {
    const fake = FakeTimers.createClock(Date.now());
    const clock = { now: () => fake.now, setTimeout: fake.setTimeout, clearTimeout: fake.clearTimeout };
    const gateway = await startGateway({ latency: { minMs: 200, maxMs: 200 }, clock });
    try {
      const session = newSession();
      let answered = false;
      const pending = gateway.command(session, 'answer').then((response) => ((answered = true), response));
      await vi.waitFor(() => expect(fake.countTimers()).toBe(1)); // the latency is waiting
      // The command has run: its webhooks are journaled while the answer waits.
      const { body } = await control(gateway.url, 'GET', `/__mock/deliveries?session=${session}`);
      expect(body.deliveries.map(({ type }: { type: string }) => type)).toEqual(['call.answered', 'command.result']);
      fake.tick(199);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(answered).toBe(false);
      fake.tick(1);
      expect((await pending).status).toBe(202);
      const messages = await readStream(gateway.url, (all) =>
        all.some(({ event, data }) => event === 'command' && data.session_uuid === session),
      );
      expect(messages.find(({ event }) => event === 'command')!.data.latency_ms).toBe(200);
      expect(
        gateway.lines.some(
          (line) =>
            line.includes(`/api/v1/sessions/${session}/commands/answer 202`) && line.endsWith('(latency 200 ms)'),
        ),
      ).toBe(true);
    } finally {
      await gateway.close();
    }
  });

  it('does not hold the control plane', async () => {
    const fake = FakeTimers.createClock(Date.now());
    const gateway = await startGateway({
      latency: { minMs: 60_000, maxMs: 60_000 },
      clock: { now: () => fake.now, setTimeout: fake.setTimeout, clearTimeout: fake.clearTimeout },
    });
    try {
      expect((await control(gateway.url, 'POST', '/__mock/sessions')).response.status).toBe(201);
    } finally {
      await gateway.close();
    }
  });
});

describe('webhook duplicates 1', () => {
  it('delivers every event twice with one webhook-id; the deduping receiver handles each once', async () => {
    const secret = `whsec_${Buffer.from('mock-gateway-duplicates'.padEnd(32, '.')).toString('base64')}`;
    const receiver = await startReceiver(secret);
    const gateway = await startGateway({ webhookUrl: receiver.url, webhookSecret: secret, webhookDuplicates: 1 });
    try {
      const session = newSession();
      await gateway.command(session, 'answer');
      await gateway.command(session, 'hangup');
      await vi.waitFor(() => expect(receiver.attempts).toHaveLength(8));
      const ids = receiver.forSession(session).map(({ webhookId }) => webhookId);
      expect(ids).toHaveLength(4); // the handler ran once per event
      for (const id of ids) {
        const attempts = receiver.attempts.filter(({ webhookId }) => webhookId === id);
        expect(attempts.map(({ status }) => status >= 200 && status < 300)).toEqual([true, true]);
      }
      expect(receiver.duplicatesSuppressed).toBe(4);
      const { body } = await control(gateway.url, 'GET', `/__mock/deliveries?session=${session}`);
      for (const delivery of body.deliveries) {
        expect(delivery.state).toBe('delivered');
        expect(
          delivery.attempts.map(({ number, duplicate }: { number: number; duplicate?: boolean }) => [
            number,
            duplicate ?? false,
          ]),
        ).toEqual([
          [1, false],
          [2, true],
        ]);
      }
      expect(gateway.lines.filter((line) => line.includes('(duplicate) attempt 1'))).toHaveLength(4);
    } finally {
      await gateway.close();
      await receiver.close();
    }
  });
});
