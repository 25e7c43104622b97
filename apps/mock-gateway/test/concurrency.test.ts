// 200 concurrent commands on 50 sessions: every expected webhook is delivered, exactly once,
// to a deduping receiver, and each session's events arrive in order.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newSession, startGateway } from './support/gateway.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const SECRET = `whsec_${Buffer.from('mock-gateway-concurrency-secret!').toString('base64')}`;
let receiver: Receiver;
let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  receiver = await startReceiver(SECRET);
  gateway = await startGateway({ webhookUrl: receiver.url, webhookSecret: SECRET });
});
afterAll(async () => {
  await gateway.close();
  await receiver.close();
});

it('delivers every expected webhook exactly once, in order per session', async () => {
  const sessions = Array.from({ length: 50 }, newSession);
  // Four commands per session, all sent at once: answer, then three idempotent hangup retries
  // with one command_uid — the gateway accepts one hangup and replays it twice.
  const requests = sessions.flatMap((session) => [
    gateway.command(session, 'answer', { command_uid: `answer-${session}` }),
    ...[1, 2, 3].map(() => gateway.command(session, 'hangup', { cause: 'NORMAL_CLEARING', command_uid: `hangup-${session}` })),
  ]);
  expect(requests).toHaveLength(200);
  const statuses = await Promise.all(requests.map(async (response) => (await response).status));
  // Every request was answered; any answer that lost the race to the hangup found the call ended.
  expect(statuses.every((status) => status === 202 || status === 404)).toBe(true);

  // Expected: per session, the events of each command that was accepted.
  const accepted = (await Promise.all(sessions.map(async (session) => {
    const state = await (await fetch(`${gateway.url}/__mock/sessions/${session}`)).json();
    return { session, ended: state.state === 'ended', answered: state.answered_at !== null };
  })));
  const expected = accepted.reduce((count, { answered, ended }) => count + (answered ? 2 : 0) + (ended ? 2 : 0), 0);
  expect(expected).toBeGreaterThanOrEqual(200);
  await receiver.waitFor((events) => events.length >= expected, 20_000);
  await new Promise((resolve) => setTimeout(resolve, 300)); // anything extra would arrive now

  expect(receiver.events).toHaveLength(expected);
  expect(new Set(receiver.events.map(({ webhookId }) => webhookId)).size).toBe(expected);
  // Not just deduped by the receiver: the gateway sent each event once (no failures, no retries).
  expect(receiver.attempts).toHaveLength(expected);
  for (const { session, answered } of accepted) {
    const types = receiver.forSession(session).map(({ event }) => event.type);
    expect(types).toEqual([...(answered ? ['call.answered', 'command.result'] : []), 'command.result', 'call.hangup']);
  }
  expect(gateway.dispatcher!.stats).toMatchObject({ delivered: expected, undelivered: 0 });
});
