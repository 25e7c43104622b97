// Every flow of the source's webhook table, received by a real receiver built on
// @call-control/webhooks (signature verified, payload valid against the spec).
import { describe, expect, it } from 'vitest';
import { newSession } from './support/gateway.js';
import { useGatewayWithReceiver } from './support/gateway-with-receiver.js';
import { expectValid, timing } from './support/spec.js';

const live = useGatewayWithReceiver('flows');

const typesFor = (session: string) => live.receiver.forSession(session).map(({ event }) => event.type);
const waitForCount = (session: string, count: number, timeoutMs?: number) =>
  live.receiver.waitFor(() => live.receiver.forSession(session).length >= count, timeoutMs);

describe('the webhooks of each command, in order per session', () => {
  it('answer → call.answered, then command.result (succeeded), for the same operation', async () => {
    const session = newSession();
    const response = await live.gateway.command(session, 'answer', { command_uid: 'flow-answer-1' });
    expect(response.status).toBe(202);
    const { operation_id } = await response.json();
    await waitForCount(session, 2);
    const [answered, result] = live.receiver.forSession(session).map(({ event }) => event) as any[];
    expect([answered.type, result.type]).toEqual(['call.answered', 'command.result']);
    expect(answered.data).toMatchObject({ operation_id, command_uid: 'flow-answer-1', session_uuid: session });
    expect(result.data).toMatchObject({ operation_id, command: 'answer', command_uid: 'flow-answer-1', status: 'succeeded' });
    expectValid('CallAnsweredEvent', answered);
    expectValid('CommandResultEvent', result);
  });

  it('hangup → command.result at once, then call.hangup with the cause and its code', async () => {
    const session = newSession();
    const sent = Date.now();
    const response = await live.gateway.command(session, 'hangup', { cause: 'USER_BUSY' });
    const { operation_id } = await response.json();
    await waitForCount(session, 2);
    const [result, hangup] = live.receiver.forSession(session);
    expect([result!.event.type, hangup!.event.type]).toEqual(['command.result', 'call.hangup']);
    expect(result!.event.data).toMatchObject({ operation_id, command: 'hangup', status: 'succeeded' });
    expect(hangup!.event.data).toMatchObject({
      operation_id,
      hangup_cause: 'USER_BUSY',
      hangup_cause_code: 17,
      hangup_source: 'api',
      answer_time: null,
    });
    // "immediately": within the bound the spec's timing extension promises.
    const [resultTiming] = timing('hangup').webhooks;
    expect(result!.at - sent).toBeLessThanOrEqual(resultTiming.max_delay_ms);
  });

  it('a command generates command_uid when omitted and echoes it in command.result', async () => {
    const session = newSession();
    await live.gateway.command(session, 'disconnect', {});
    await waitForCount(session, 1);
    const [result] = live.receiver.forSession(session) as any[];
    expect(result.event.data.command_uid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('disconnect → command.result, then call.hangup', async () => {
    const session = newSession();
    const { operation_id } = await (await live.gateway.command(session, 'disconnect')).json();
    await waitForCount(session, 2);
    expect(typesFor(session)).toEqual(['command.result', 'call.hangup']);
    expect(live.receiver.forSession(session)[1]!.event.data).toMatchObject({ operation_id, hangup_cause: 'NORMAL_CLEARING', hangup_cause_code: 16 });
  });

  it('an unknown but well-formed cause clears the call normally, as FreeSWITCH does', async () => {
    const session = newSession();
    expect((await live.gateway.command(session, 'hangup', { cause: 'NOT_A_REAL_CAUSE' })).status).toBe(202);
    await waitForCount(session, 2);
    expect(live.receiver.forSession(session)[1]!.event.data).toMatchObject({ hangup_cause: 'NORMAL_CLEARING', hangup_cause_code: 16 });
    expect(live.gateway.lines.some((line) => line.includes('unknown cause NOT_A_REAL_CAUSE cleared as NORMAL_CLEARING'))).toBe(true);
  });

  it('answer, then hangup: four webhooks in order, the hangup carrying the answer time', async () => {
    const session = newSession();
    await live.gateway.command(session, 'answer');
    await live.gateway.command(session, 'hangup', { cause: 'NORMAL_CLEARING' });
    await waitForCount(session, 4);
    expect(typesFor(session)).toEqual(['call.answered', 'command.result', 'command.result', 'call.hangup']);
    const answered = live.receiver.forSession(session)[0]!.event as any;
    expect(live.receiver.forSession(session)[3]!.event.data).toMatchObject({ answer_time: answered.data.answer_time });
  });
});

describe('scenarios', () => {
  it('a failed answer sends only command.result with status failed and an error', async () => {
    const session = newSession();
    await live.gateway.command(session, 'answer', {}, { headers: { 'X-Mock-Scenario': 'result=failed' } });
    await waitForCount(session, 1);
    await new Promise((resolve) => setTimeout(resolve, 200)); // nothing else follows
    expect(typesFor(session)).toEqual(['command.result']);
    expect(live.receiver.forSession(session)[0]!.event.data).toMatchObject({ status: 'failed', error: { code: 'channel_gone' } });
    // The call was not answered: answering again is allowed.
    expect((await live.gateway.command(session, 'answer')).status).toBe(202);
  });

  it('a timed-out answer sends command.result with status timed_out at timeout_ms', async () => {
    const session = newSession();
    const { timeout_ms } = timing('answer');
    const sent = Date.now();
    const response = await live.gateway.command(session, 'answer', {}, { headers: { 'X-Mock-Scenario': 'result=timed-out' } });
    expect((await response.json()).timeout_ms).toBe(timeout_ms);
    await waitForCount(session, 1, timeout_ms + 3_000);
    const [result] = live.receiver.forSession(session);
    expect(result!.event.data).toMatchObject({ status: 'timed_out' });
    // Tolerance: no earlier than timeout_ms, and at most 500 ms late on a busy 2-core machine.
    expect(result!.at - sent).toBeGreaterThanOrEqual(timeout_ms - 5);
    expect(result!.at - sent).toBeLessThan(timeout_ms + 500);
    expect(typesFor(session)).toEqual(['command.result']);
  });

  it('a remote hang-up sends call.hangup from the caller, with no operation', async () => {
    const session = newSession();
    await live.gateway.command(session, 'answer');
    const control = await fetch(`${live.gateway.url}/__mock/sessions/${session}/remote-hangup`, {
      method: 'POST',
      body: JSON.stringify({ source: 'callee', cause: 'NORMAL_CLEARING' }),
    });
    expect(control.status).toBe(202);
    await waitForCount(session, 3);
    expect(live.receiver.forSession(session)[2]!.event.data).toMatchObject({ hangup_source: 'callee', operation_id: null });
    expect((await live.gateway.command(session, 'hangup')).status).toBe(404);
  });
});

it('no delivery was rejected by the live.receiver (every signature and payload was valid)', () => {
  expect(live.receiver.attempts.filter(({ status }) => status !== 204)).toEqual([]);
});
