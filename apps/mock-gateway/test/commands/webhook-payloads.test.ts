// Each webhook builder makes a payload the spec's event schema accepts, from only the facts
// that event reports.
import { describe, expect, it } from 'vitest';
import { payloadBuilders, newWebhookId } from '../../src/commands/webhook-payloads.js';
import { createSessionStore } from '../../src/commands/sessions.js';
import { expectValid, spec } from '../support/spec.js';

const started = new Date('2026-11-24T10:00:00.000Z');
const at = new Date('2026-11-24T10:00:03.500Z');
const session = createSessionStore().get('3F9C2A7E-8B1D-4C5E-9A2F-6D7E8F901234', started);
const schemaOf = (type: string) =>
  spec.webhooks[type].post.requestBody.content['application/json'].schema.$ref.split('/').pop();

describe('payloadBuilders', () => {
  it('has a builder for exactly the webhooks of the spec', () => {
    expect(Object.keys(payloadBuilders).sort()).toEqual(Object.keys(spec.webhooks).sort());
  });

  it('command.result: succeeded, and failed with its error', () => {
    const facts = {
      session,
      at,
      operationId: '0b9c7a8e-1d2f-4a3b-8c5d-6e7f80912345',
      command: 'hangup' as const,
      commandUid: 'uid-1',
      requestedAt: started,
    };
    const succeeded = payloadBuilders['command.result']({
      ...facts,
      status: 'succeeded',
      error: { type: 't', title: 'x', detail: 'd', code: 'c' } as never,
    });
    expectValid(schemaOf('command.result'), succeeded);
    expect(succeeded.data).not.toHaveProperty('error'); // an error only when failed
    expect(succeeded.data).toMatchObject({
      session_uuid: session.uuid,
      operation_id: '0b9c7a8e-1d2f-4a3b-8c5d-6e7f80912345',
      command_uid: 'uid-1',
      completed_at: at.toISOString(),
    });
    const error = spec.components.examples.CommandResultFailed.value.data.error;
    const failed = payloadBuilders['command.result']({ ...facts, status: 'failed', error });
    expectValid(schemaOf('command.result'), failed);
    expect(failed.data).toMatchObject({ status: 'failed', error });
  });

  it('call.answered: answered at the event time', () => {
    const event = payloadBuilders['call.answered']({
      session,
      at,
      operationId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      commandUid: 'uid-2',
    });
    expectValid(schemaOf('call.answered'), event);
    expect(event.data).toMatchObject({ start_time: started.toISOString(), answer_time: at.toISOString() });
  });

  it('call.hangup: the cause and its code, the duration, no answer time for a call never answered', () => {
    const hangup = { cause: 'USER_BUSY' as const, causeCode: 17, source: 'caller' as const };
    const event = payloadBuilders['call.hangup']({ session, at, operationId: null, hangup });
    expectValid(schemaOf('call.hangup'), event);
    expect(event.data).toMatchObject({
      hangup_cause: 'USER_BUSY',
      hangup_cause_code: 17,
      hangup_source: 'caller',
      operation_id: null,
      answer_time: null,
      duration_ms: 3_500,
    });
  });

  it('session ids are lower case, event ids fresh and evt_-prefixed', () => {
    expect(session.uuid).toBe('3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234');
    // Past the random bytes filled at once (256 ids), so a refill is crossed at least twice.
    const ids = Array.from({ length: 600 }, newWebhookId);
    for (const id of ids) expect(id).toMatch(/^evt_[0-9a-f]{32}$/);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
