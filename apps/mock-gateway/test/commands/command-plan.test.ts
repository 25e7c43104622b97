// The plan of each command, checked against the spec's timing extension itself: the mock
// sends exactly the webhooks `x-webhooks-triggered` names, in its order, at its delays.
import type { CommandOperationId } from '@call-control/types';
import { describe, expect, it } from 'vitest';
import { planCommand } from '../../src/commands/command-plan.js';
import { createCommandTable } from '../../src/commands/command-table.js';
import { parseScenario } from '../../src/commands/scenarios.js';
import { createSessionStore } from '../../src/commands/sessions.js';
import { loadSpecModel } from '../../src/common/spec-model.js';
import { expectValid, spec as bundle, timing } from '../support/spec.js';

const model = loadSpecModel();
const table = createCommandTable(model);
const now = new Date('2026-11-24T10:00:00.000Z');
const plan = (command: CommandOperationId, scenario = '', body: object = {}) =>
  planCommand(model, {
    entry: table.get(command)!,
    session: createSessionStore().get(crypto.randomUUID(), now),
    body,
    result: (parseScenario(scenario) as { value: { result: 'succeeded' } }).value.result,
    now,
  });

describe('planCommand', () => {
  it('covers every command of the spec', () => {
    expect([...model.commands.keys()].sort()).toEqual(
      Object.values<{ post: { operationId: string } }>(bundle.paths)
        .map(({ post }) => post.operationId)
        .sort(),
    );
  });

  it.each(['answer', 'hangup', 'disconnect'] as const)(
    '%s: the webhooks, order and delays of x-webhooks-triggered',
    (command) => {
      const { events, envelope } = plan(command);
      const spec = timing(command);
      expect(events.map(({ event, dueAt }) => [event.type, dueAt - now.getTime()])).toEqual(
        spec.webhooks.map((entry: { webhook: string; mock_delay_ms: number }) => [entry.webhook, entry.mock_delay_ms]),
      );
      expect(envelope.timeout_ms).toBe(spec.timeout_ms);
      for (const { event } of events) {
        const schema = {
          'command.result': 'CommandResultEvent',
          'call.answered': 'CallAnsweredEvent',
          'call.hangup': 'CallHangupEvent',
        }[event.type];
        expectValid(schema, event);
      }
    },
  );

  it('a timed-out answer sends only command.result, timed_out, at timeout_ms', () => {
    const { events, nextState } = plan('answer', 'result=timed-out');
    expect(
      events.map(({ event, dueAt }) => [event.type, (event.data as { status?: string }).status, dueAt - now.getTime()]),
    ).toEqual([['command.result', 'timed_out', timing('answer').timeout_ms]]);
    expect(nextState).toBe('ringing');
  });

  it('a failed hangup sends only command.result with the spec example error, and the call goes on', () => {
    const { events, nextState } = plan('hangup', 'result=failed');
    expect(events).toHaveLength(1);
    expect(events[0]!.event.data).toMatchObject({ status: 'failed', error: model.failedCommandError });
    expect(nextState).toBe('ringing');
    expectValid('CommandResultEvent', events[0]!.event);
  });

  it('maps the cause to its code, and an unknown cause to NORMAL_CLEARING with a note', () => {
    expect(plan('hangup', '', { cause: 'CALL_REJECTED' }).events[1]!.event.data).toMatchObject({
      hangup_cause: 'CALL_REJECTED',
      hangup_cause_code: 21,
    });
    const unknown = plan('hangup', '', { cause: 'WHATEVER' });
    expect(unknown.events[1]!.event.data).toMatchObject({ hangup_cause: 'NORMAL_CLEARING', hangup_cause_code: 16 });
    expect(unknown.notes).toEqual(['unknown cause WHATEVER cleared as NORMAL_CLEARING, as FreeSWITCH does']);
  });
});
