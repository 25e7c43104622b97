// 200 concurrent commands on 50 sessions: every expected webhook is delivered, exactly once,
// to a deduping receiver, and each session's events arrive in order.
import { expect, it, vi } from 'vitest';
import { newSession } from '../support/gateway.js';
import { useGatewayWithReceiver } from '../support/gateway-with-receiver.js';

const live = useGatewayWithReceiver('concurrency');

it('delivers every expected webhook exactly once, in order per session', async () => {
  const sessions = Array.from({ length: 50 }, newSession);
  // Four commands per session, all sent at once: answer, then three idempotent hangup retries
  // with one command_uid — the live.gateway accepts one hangup and replays it twice.
  const requests = sessions.flatMap((session) => [
    live.gateway.command(session, 'answer', { command_uid: `answer-${session}` }),
    ...[1, 2, 3].map(() =>
      live.gateway.command(session, 'hangup', { cause: 'NORMAL_CLEARING', command_uid: `hangup-${session}` }),
    ),
  ]);
  expect(requests).toHaveLength(200);
  const statuses = await Promise.all(requests.map(async (response) => (await response).status));
  // Every request was answered; any answer that lost the race to the hangup found the call ended.
  expect(statuses.every((status) => status === 202 || status === 404)).toBe(true);

  // Expected: per session, the events of each command that was accepted.
  const accepted = await Promise.all(
    sessions.map(async (session) => {
      const state = await (await fetch(`${live.gateway.url}/__mock/sessions/${session}`)).json();
      return { session, ended: state.state === 'ended', answered: state.answered_at !== null };
    }),
  );
  const expected = accepted.reduce((count, { answered, ended }) => count + (answered ? 2 : 0) + (ended ? 2 : 0), 0);
  expect(expected).toBeGreaterThanOrEqual(200);
  await live.receiver.waitFor((events) => events.length >= expected, 20_000);
  // Nothing is left queued: anything extra would have reached the receiver by now.
  await vi.waitFor(() => expect(live.gateway.stats().webhooks.queued).toBe(0), { timeout: 20_000 });

  expect(live.receiver.events).toHaveLength(expected);
  expect(new Set(live.receiver.events.map(({ webhookId }) => webhookId)).size).toBe(expected);
  // Not just deduped by the live.receiver: the live.gateway sent each event once (no failures, no retries).
  expect(live.receiver.attempts).toHaveLength(expected);
  for (const { session, answered } of accepted) {
    const types = live.receiver.forSession(session).map(({ event }) => event.type);
    expect(types).toEqual([...(answered ? ['call.answered', 'command.result'] : []), 'command.result', 'call.hangup']);
  }
  expect(live.gateway.stats().webhooks).toMatchObject({ delivered: expected, undelivered: 0 });
});
