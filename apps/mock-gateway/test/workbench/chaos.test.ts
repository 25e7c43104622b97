// Chaos for receivers: the latency's draw and how the CLI says it, and what duplicates do to a
// real gateway — every event delivered twice with one webhook-id, which a deduping receiver
// handles once. (The latency held on a real gateway: test/request-router.test.ts; the rules of
// both flags: test/resolve-options.test.ts.)
import { describe, expect, it, vi } from 'vitest';
import { describeLatency, drawLatency } from '../../src/workbench/chaos.js';
import { control } from '../support/control-plane.js';
import { newSession, startGateway } from '../support/gateway.js';
import { startReceiver } from '../support/receiver.js';

it('draws a latency evenly over the range, both ends included, and says it', () => {
  expect([0, 0.5, 0.999_999].map((roll) => drawLatency({ minMs: 100, maxMs: 200 }, () => roll))).toEqual([
    100, 150, 200,
  ]);
  expect([describeLatency({ minMs: 200, maxMs: 200 }), describeLatency({ minMs: 100, maxMs: 500 })]).toEqual([
    '200 ms',
    '100–500 ms',
  ]);
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
