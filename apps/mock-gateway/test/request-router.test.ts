// The request router: /__mock and what is under it go to the control plane, every other path
// to the API (admission, then execution); the API's answers wait out the --latency chaos after
// the command ran, and each is in the event stream as a `command` event.
import FakeTimers from '@sinonjs/fake-timers';
import { describe, expect, it, vi } from 'vitest';
import { control, readStream } from './support/control-plane.js';
import { AUTH, newSession, startGateway } from './support/gateway.js';

it('sends the control plane its paths and the API the rest; only the API is in the stream as commands', async () => {
  const gateway = await startGateway();
  try {
    const session = newSession();
    const controlled = await control(gateway.url, 'GET', `/__mock/sessions/${session}`);
    expect([controlled.response.status, controlled.body.detail]).toEqual([
      404,
      `The mock has not seen session ${session}.`,
    ]);
    const redirect = await fetch(`${gateway.url}/__mock`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([308, '/__mock/']);
    const notControl = await fetch(`${gateway.url}/__mockery`, { headers: AUTH });
    expect([notControl.status, (await notControl.json()).detail]).toEqual([404, 'There is no /__mockery.']);
    expect((await gateway.command(session, 'answer')).status).toBe(202);
    const messages = await readStream(gateway.url, (all) =>
      all.some(({ event, data }) => event === 'command' && data.session_uuid === session),
    );
    expect(
      messages.filter(({ event }) => event === 'command').map(({ data }) => `${data.method} ${data.path}`),
    ).toEqual(['GET /__mockery', `POST /api/v1/sessions/${session}/commands/answer`]);
  } finally {
    await gateway.close();
  }
});

describe('latency 200: no response before 200 ms (on the gateway’s clock)', () => {
  it('holds the answer after the command ran, and says so in the stream and the log', async () => {
    const fake = FakeTimers.createClock(Date.now());
    const clock = { now: () => fake.now, setTimeout: fake.setTimeout, clearTimeout: fake.clearTimeout };
    const gateway = await startGateway({ latency: { minMs: 200, maxMs: 200 }, clock });
    try {
      const session = newSession();
      let answered = false;
      const pending = gateway.command(session, 'answer').then((response) => {
        answered = true;
        return response;
      });
      // The latency is waiting, and so are the command's webhooks (due 20 ms on).
      await vi.waitFor(() => expect(fake.countTimers()).toBe(2));
      fake.tick(20);
      // The command has run: its webhooks are journaled when due, while the answer waits.
      const { body } = await control(gateway.url, 'GET', `/__mock/deliveries?session=${session}`);
      expect(body.deliveries.map(({ type }: { type: string }) => type)).toEqual(['call.answered', 'command.result']);
      fake.tick(179);
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

describe('--drop-responses 1: the command runs, and its answer is lost', () => {
  it('closes the connection with no answer after running it; the retry with the same command_uid is answered from the replay', async () => {
    const gateway = await startGateway({ dropResponses: 1 });
    try {
      const session = newSession();
      const body = { command_uid: 'lost-answer-1' };
      await expect(gateway.command(session, 'answer', body)).rejects.toThrow(TypeError); // fetch failed: no answer
      // The command ran: its webhooks are in the journal once they are due.
      const results = await vi.waitFor(async () => {
        const { body: journal } = await control(gateway.url, 'GET', `/__mock/deliveries?session=${session}`);
        expect(journal.deliveries).toHaveLength(2);
        return journal.deliveries.filter(({ type }: { type: string }) => type === 'command.result');
      });
      const retry = await gateway.command(session, 'answer', body);
      expect([retry.status, retry.headers.get('idempotent-replayed')]).toEqual([202, 'true']);
      expect((await retry.json()).operation_id).toBe(results[0].payload.data.operation_id);
      // A refusal, and the control plane, are answered as usual.
      expect((await gateway.command(session, 'answer')).status).toBe(409);
      expect((await control(gateway.url, 'GET', `/__mock/sessions/${session}`)).response.status).toBe(200);
      expect(
        gateway.lines.some((line) => line.includes('202') && line.includes('answer dropped: --drop-responses')),
      ).toBe(true);
      expect(gateway.stats().commandsAccepted).toBe(1);
    } finally {
      await gateway.close();
    }
  });
});
