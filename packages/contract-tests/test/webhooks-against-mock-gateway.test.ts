// @call-control/webhooks receiving what the mock gateway sends: every flow of the source's
// webhook table, verified (signature, then the payload against the spec) by a receiver built
// as the package's README builds one, and checked against the spec once more independently.
import { loadBundledSpec } from '@call-control/spec';
import { describe, expect, it } from 'vitest';
import { newSession, useGatewayWithReceiver } from './support/gateway-with-receiver.js';

const live = useGatewayWithReceiver('flows');
const spec = loadBundledSpec();
const timing = (command: string) =>
  spec.paths[`/api/v1/sessions/{uuid}/commands/${command}`].post['x-webhooks-triggered'];
const typesFor = (session: string) => live.receiver.forSession(session).map(({ event }) => event.type);
/** The `data` of a session's webhook, by its place in the order received (as JSON, read field by field). */
const dataOf = (session: string, index: number): Record<string, unknown> =>
  live.receiver.forSession(session)[index]!.event.data;

describe('the webhooks of each command, in order per session', () => {
  it('answer → call.answered, then command.result (succeeded), for the same operation', async () => {
    const session = newSession();
    const response = await live.command(session, 'answer', { command_uid: 'flow-answer-1' });
    expect(response.status).toBe(202);
    const { operation_id } = await response.json();
    await live.receiver.waitForSession(session, 2);
    expect(typesFor(session)).toEqual(['call.answered', 'command.result']);
    expect(dataOf(session, 0)).toMatchObject({ operation_id, command_uid: 'flow-answer-1', session_uuid: session });
    expect(dataOf(session, 1)).toMatchObject({
      operation_id,
      command: 'answer',
      command_uid: 'flow-answer-1',
      status: 'succeeded',
    });
  });

  it('hangup → command.result at once, then call.hangup with the cause and its code', async () => {
    const session = newSession();
    const sent = Date.now();
    const { operation_id } = await (await live.command(session, 'hangup', { cause: 'USER_BUSY' })).json();
    const [result] = await live.receiver.waitForSession(session, 2);
    expect(typesFor(session)).toEqual(['command.result', 'call.hangup']);
    expect(dataOf(session, 0)).toMatchObject({ operation_id, command: 'hangup', status: 'succeeded' });
    expect(dataOf(session, 1)).toMatchObject({
      operation_id,
      hangup_cause: 'USER_BUSY',
      hangup_cause_code: 17,
      hangup_source: 'api',
      answer_time: null,
    });
    // "immediately": within the bound the spec's timing extension promises.
    expect(result!.at - sent).toBeLessThanOrEqual(timing('hangup').webhooks[0].max_delay_ms);
  });

  it('a command generates command_uid when omitted and echoes it in command.result', async () => {
    const session = newSession();
    await live.command(session, 'disconnect', {});
    await live.receiver.waitForSession(session, 1);
    expect(dataOf(session, 0).command_uid).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('disconnect → command.result, then call.hangup', async () => {
    const session = newSession();
    const { operation_id } = await (await live.command(session, 'disconnect')).json();
    await live.receiver.waitForSession(session, 2);
    expect(typesFor(session)).toEqual(['command.result', 'call.hangup']);
    expect(dataOf(session, 1)).toMatchObject({ operation_id, hangup_cause: 'NORMAL_CLEARING', hangup_cause_code: 16 });
  });

  it('an unknown but well-formed cause clears the call normally, as FreeSWITCH does, and says so in the log', async () => {
    const session = newSession();
    expect((await live.command(session, 'hangup', { cause: 'NOT_A_REAL_CAUSE' })).status).toBe(202);
    await live.receiver.waitForSession(session, 2);
    expect(dataOf(session, 1)).toMatchObject({ hangup_cause: 'NORMAL_CLEARING', hangup_cause_code: 16 });
    expect(
      live.log.some(
        (entry) => entry.message === 'unknown cause NOT_A_REAL_CAUSE cleared as NORMAL_CLEARING, as FreeSWITCH does',
      ),
    ).toBe(true);
  });

  it('answer, then hangup: four webhooks in order, the hangup carrying the answer time', async () => {
    const session = newSession();
    await live.command(session, 'answer');
    await live.command(session, 'hangup', { cause: 'NORMAL_CLEARING' });
    await live.receiver.waitForSession(session, 4);
    expect(typesFor(session)).toEqual(['call.answered', 'command.result', 'command.result', 'call.hangup']);
    expect(dataOf(session, 3)).toMatchObject({ answer_time: dataOf(session, 0).answer_time });
  });
});

describe('scenarios', () => {
  it('a failed answer sends only command.result with status failed and an error; the call can still be answered', async () => {
    const session = newSession();
    await live.command(session, 'answer', {}, { 'X-Mock-Scenario': 'result=failed' });
    await live.receiver.waitForSession(session, 1);
    expect(dataOf(session, 0)).toMatchObject({
      status: 'failed',
      error: spec.components.examples.CommandResultFailed.value.data.error,
    });
    expect((await live.command(session, 'answer')).status).toBe(202);
    // The next events of the session are the second answer's: nothing else followed the failure.
    await live.receiver.waitForSession(session, 3);
    expect(typesFor(session)).toEqual(['command.result', 'call.answered', 'command.result']);
  });

  it('a timed-out answer sends command.result with status timed_out at timeout_ms', async () => {
    const session = newSession();
    const { timeout_ms } = timing('answer');
    const sent = Date.now();
    const response = await live.command(session, 'answer', {}, { 'X-Mock-Scenario': 'result=timed-out' });
    expect((await response.json()).timeout_ms).toBe(timeout_ms);
    const [result] = await live.receiver.waitForSession(session, 1, timeout_ms + 3_000);
    expect(result!.event.data).toMatchObject({ status: 'timed_out' });
    // Tolerance: no earlier than timeout_ms, and at most 500 ms late on a busy 2-core machine.
    expect(result!.at - sent).toBeGreaterThanOrEqual(timeout_ms - 5);
    expect(result!.at - sent).toBeLessThan(timeout_ms + 500);
    expect(typesFor(session)).toEqual(['command.result']);
  });

  it('a remote hang-up sends call.hangup from the callee, with no operation', async () => {
    const session = newSession();
    await live.command(session, 'answer');
    // Answered first: a hang-up within the answer's 20 ms would win the race (and the answer fail).
    await live.receiver.waitForSession(session, 2);
    const control = await fetch(`${live.gateway.url}/__mock/sessions/${session}/remote-hangup`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ source: 'callee', cause: 'NORMAL_CLEARING' }),
    });
    expect(control.status).toBe(202);
    await live.receiver.waitForSession(session, 3);
    expect(dataOf(session, 2)).toMatchObject({ hangup_source: 'callee', operation_id: null });
    expect((await live.command(session, 'hangup')).status).toBe(404);
  });
});

it('the receiver accepted every delivery (every signature and payload was valid)', () => {
  expect(live.receiver.statuses.length).toBeGreaterThan(0);
  expect(live.receiver.statuses.filter((status) => status !== 204)).toEqual([]);
});
