// command_uid as the idempotency key: replay, reuse with another request, and in flight.
import { expect, it } from 'vitest';
import { newSession } from './support/gateway.js';
import { useGatewayWithReceiver } from './support/gateway-with-receiver.js';
import { expectProblem } from './support/spec.js';

const live = useGatewayWithReceiver('idempotency');

it('the same key and body replays the stored 202, marked, with no second set of webhooks', async () => {
  const session = newSession();
  const body = { cause: 'USER_BUSY', command_uid: 'replay-1' };
  const first = await live.gateway.command(session, 'hangup', body);
  // Same request, keys in another order: still the same request.
  const second = await live.gateway.command(session, 'hangup', { command_uid: 'replay-1', cause: 'USER_BUSY' });
  expect([first.status, second.status]).toEqual([202, 202]);
  expect(first.headers.get('idempotent-replayed')).toBeNull();
  expect(second.headers.get('idempotent-replayed')).toBe('true');
  expect((await second.json()).operation_id).toBe((await first.json()).operation_id);
  await live.receiver.waitFor(() => live.receiver.forSession(session).length >= 2);
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(live.receiver.forSession(session).map(({ event }) => event.type)).toEqual(['command.result', 'call.hangup']);
});

it('the same key with a different body is a 422 naming the reuse', async () => {
  const session = newSession();
  await live.gateway.command(session, 'answer', { command_uid: 'reuse-1' });
  const problem = await expectProblem(await live.gateway.command(session, 'hangup', { command_uid: 'reuse-1' }), 422, 'idempotency-key-reused');
  expect(problem.detail).toContain("'reuse-1'");
});

it('the same key on another session is a new command (keys are scoped to the session)', async () => {
  const response = await live.gateway.command(newSession(), 'answer', { command_uid: 'reuse-1' });
  expect(response.status).toBe(202);
});

it('the same key while the first request is still in flight is a 409', async () => {
  const session = newSession();
  const slow = live.gateway.command(session, 'answer', { command_uid: 'inflight-1' }, { headers: { 'X-Mock-Scenario': 'dispatch-delay=300' } });
  await new Promise((resolve) => setTimeout(resolve, 50));
  await expectProblem(await live.gateway.command(session, 'answer', { command_uid: 'inflight-1' }), 409, 'command-in-flight');
  expect((await slow).status).toBe(202);
});

it('a key whose first request was rejected can be used again', async () => {
  const session = newSession();
  await live.gateway.command(session, 'answer');
  await expectProblem(await live.gateway.command(session, 'answer', { command_uid: 'after-409' }), 409, 'invalid-session-state');
  expect((await live.gateway.command(session, 'hangup', { command_uid: 'after-409' })).status).toBe(202);
});
