// Running admitted commands, end to end over HTTP: the state machine of the command table,
// idempotency by command_uid, and the outcomes a scenario forces. A real receiver (built on
// @call-control/webhooks, every delivery also checked against the spec) gets the webhooks.
import { describe, expect, it, vi } from 'vitest';
import { newSession } from '../support/gateway.js';
import { useGatewayWithReceiver } from '../support/gateway-with-receiver.js';
import { expectProblem, spec } from '../support/spec.js';

const live = useGatewayWithReceiver('execution');
const state = async (session: string) =>
  (await (await fetch(`${live.gateway.url}/__mock/sessions/${session}`)).json()).state;

// Every command of the spec, and the ones that end a call (their timing names call.hangup).
const COMMANDS = Object.values<{
  post: { operationId: string; 'x-webhooks-triggered': { webhooks: { webhook: string; on_timeout?: string }[] } };
}>(spec.paths).map(({ post }) => post);
const ENDING = COMMANDS.filter((post) =>
  post['x-webhooks-triggered'].webhooks.some(({ webhook }) => webhook === 'call.hangup'),
).map((post) => post.operationId);
const CANNOT_TIME_OUT = COMMANDS.filter(
  (post) => !post['x-webhooks-triggered'].webhooks.some((entry) => entry.on_timeout),
).map((post) => post.operationId);

describe('the state machine', () => {
  it('an unknown session is a ringing inbound call that answer answers', async () => {
    const session = newSession();
    expect((await live.gateway.command(session, 'answer')).status).toBe(202);
    expect(await state(session)).toBe('answered');
  });

  it('answering an answered call is a 409 that says what the state allows', async () => {
    const session = newSession();
    await live.gateway.command(session, 'answer');
    const problem = await expectProblem(await live.gateway.command(session, 'answer'), 409, 'invalid-session-state');
    expect(problem.detail).toBe('The call is answered; answer is allowed only on a ringing call.');
  });

  it.each(ENDING)('after %s, every command finds no session (404)', async (ending) => {
    const session = newSession();
    expect((await live.gateway.command(session, ending)).status).toBe(202);
    expect(await state(session)).toBe('ended');
    for (const { operationId } of COMMANDS)
      await expectProblem(await live.gateway.command(session, operationId), 404, 'session-not-found');
  });

  it('the session UUID is matched case-insensitively', async () => {
    const session = newSession();
    await live.gateway.command(session, 'hangup');
    await expectProblem(await live.gateway.command(session.toUpperCase(), 'answer'), 404, 'session-not-found');
  });

  it('urn:uuid:… is not another name for a session: refused, so one call never gets two operations', async () => {
    const session = newSession();
    const first = await live.gateway.command(session, 'hangup', { command_uid: 'urn-1' });
    expect(first.status).toBe(202);
    const problem = await expectProblem(
      await live.gateway.command(`urn:uuid:${session}`, 'hangup', { command_uid: 'urn-1' }),
      422,
      'validation-failed',
    );
    expect(problem.errors).toEqual([{ parameter: 'uuid', detail: expect.stringMatching(/^must match pattern /) }]);
    // An upper-case UUID is the same session: the same key replays, and the webhooks say it in lower case.
    const replay = await live.gateway.command(session.toUpperCase(), 'hangup', { command_uid: 'urn-1' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect(await replay.json()).toEqual(await first.json());
    await live.receiver.waitFor(() => live.receiver.forSession(session).length === 2);
    expect(live.receiver.events.filter(({ event }) => event.data.session_uuid.toLowerCase() === session)).toHaveLength(
      2,
    );
  });

  it('a command held by a slow dispatch finds the call ended by another meanwhile (404), and its key is free again', async () => {
    const session = newSession();
    const slow = live.gateway.command(
      session,
      'answer',
      { command_uid: 'held-1' },
      { headers: { 'X-Mock-Scenario': 'dispatch-delay=300' } },
    );
    await vi.waitFor(async () => expect(await state(session)).toBe('ringing'));
    expect((await live.gateway.command(session, 'hangup')).status).toBe(202);
    await expectProblem(await slow, 404, 'session-not-found');
    await expectProblem(
      await live.gateway.command(session, 'answer', { command_uid: 'held-1' }),
      404,
      'session-not-found',
    );
  });
});

describe('idempotency by command_uid', () => {
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
    // The first set is in, and nothing is left queued: a second set would have been delivered by now.
    await live.receiver.waitFor((events) =>
      events.some(({ event }) => event.data.session_uuid === session && event.type === 'call.hangup'),
    );
    await vi.waitFor(() => expect(live.gateway.stats().webhooks.queued).toBe(0));
    expect(live.receiver.forSession(session).map(({ event }) => event.type)).toEqual(['command.result', 'call.hangup']);
  });

  it('the same key with a different body is a 422 naming the reuse', async () => {
    const session = newSession();
    await live.gateway.command(session, 'answer', { command_uid: 'reuse-1' });
    const problem = await expectProblem(
      await live.gateway.command(session, 'hangup', { command_uid: 'reuse-1' }),
      422,
      'idempotency-key-reused',
    );
    expect(problem.detail).toContain("'reuse-1'");
  });

  it('the same key on another session is a new command (keys are scoped to the session)', async () => {
    expect((await live.gateway.command(newSession(), 'answer', { command_uid: 'reuse-1' })).status).toBe(202);
  });

  it('the same key while the first request is still in flight is a 409', async () => {
    const session = newSession();
    const slow = live.gateway.command(
      session,
      'answer',
      { command_uid: 'inflight-1' },
      { headers: { 'X-Mock-Scenario': 'dispatch-delay=300' } },
    );
    await new Promise((resolve) => setTimeout(resolve, 50));
    await expectProblem(
      await live.gateway.command(session, 'answer', { command_uid: 'inflight-1' }),
      409,
      'command-in-flight',
    );
    expect((await slow).status).toBe(202);
  });

  it('a key whose first request was refused can be used again', async () => {
    const session = newSession();
    await live.gateway.command(session, 'answer');
    await expectProblem(
      await live.gateway.command(session, 'answer', { command_uid: 'after-409' }),
      409,
      'invalid-session-state',
    );
    expect((await live.gateway.command(session, 'hangup', { command_uid: 'after-409' })).status).toBe(202);
  });
});

describe('scenarios', () => {
  it.each([
    ['status=429; retry-after=7', 429, 'rate-limited', '7'],
    ['status=503', 503, 'service-unavailable', '1'],
    ['status=404', 404, 'session-not-found', null],
  ])('X-Mock-Scenario: %s', async (scenario, status, slug, retryAfter) => {
    const response = await live.gateway.command(
      newSession(),
      'hangup',
      {},
      { headers: { 'X-Mock-Scenario': scenario } },
    );
    expect(response.headers.get('retry-after')).toBe(retryAfter);
    await expectProblem(response, status, slug);
  });

  type Case = [string, { command: string; scenario: string; detail: string }];
  it.each<Case>([
    [
      'an unknown directive',
      {
        command: 'hangup',
        scenario: 'color=blue',
        detail: 'x-mock-scenario: unknown directive "color"; use result, status, retry-after or dispatch-delay.',
      },
    ],
    [
      'a result it does not know',
      {
        command: 'answer',
        scenario: 'result=maybe',
        detail: 'x-mock-scenario: result must be succeeded, failed or timed-out, not "maybe".',
      },
    ],
    ...CANNOT_TIME_OUT.map(
      (command): Case => [
        `timed-out on ${command}, which reports right after dispatch`,
        {
          command,
          scenario: 'result=timed-out',
          detail: `x-mock-scenario: ${command} reports its result right after dispatch, so it cannot time out.`,
        },
      ],
    ),
  ])('%s is a 400 mock-scenario-invalid', async (_name, { command, scenario, detail }) => {
    const problem = await expectProblem(
      await live.gateway.command(newSession(), command, {}, { headers: { 'X-Mock-Scenario': scenario } }),
      400,
      'mock-scenario-invalid',
    );
    expect(problem.detail).toBe(detail);
  });

  it('a forced failure reports the spec example error and leaves the call as it was', async () => {
    const session = newSession();
    expect(
      (await live.gateway.command(session, 'hangup', {}, { headers: { 'X-Mock-Scenario': 'result=failed' } })).status,
    ).toBe(202);
    await live.receiver.waitFor(() => live.receiver.forSession(session).length === 1);
    expect(live.receiver.forSession(session)[0]!.event.data).toMatchObject({
      status: 'failed',
      error: spec.components.examples.CommandResultFailed.value.data.error,
    });
    expect(await state(session)).toBe('ringing');
  });
});
