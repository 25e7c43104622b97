// The control plane's sessions: start an inbound ringing call on demand (so a test need not
// invent a UUID), read a session's state, and make the remote party hang up — with the
// commands of the API, every webhook can be caused on demand.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { formatPointer } from '@call-control/spec/json-pointer';
import type { HangupCause, HangupSource } from '@call-control/types';
import { isoTime, type Clock } from '../shared/clock.js';
import { checkTransition, REMOTE_HANGUP } from '../commands/command-table.js';
import { payloadBuilders } from '../commands/webhook-payloads.js';
import { jsonResult, type HttpResult } from '../shared/http-result.js';
import { accept, type Outcome, PASSED, refuse } from '../shared/outcome.js';
import type { FieldError, Problems } from '../shared/problems.js';
import type { SessionStore } from '../commands/sessions.js';
import { readRequestJson } from '../http/json-body.js';
import type { SpecModel } from '../shared/spec-model.js';
import type { WebhookOutbox } from '../delivery/webhook-outbox.js';

const REMOTE_SOURCES: readonly HangupSource[] = ['caller', 'callee', 'system', 'unknown'];

export interface SessionControlContext {
  model: SpecModel;
  sessions: SessionStore;
  problems: Problems;
  outbox: WebhookOutbox;
  clock: Clock;
}

type JsonObject = Record<string, unknown>;

export function createSessionControl({ model, sessions, problems, outbox, clock }: SessionControlContext) {
  const invalid = (detail: string, instance: string, errors: FieldError[]) =>
    problems.of('mock-control-invalid', { detail, instance, errors });

  /** The API's own rule for a session UUID, so the control plane cannot make a session the API would refuse. */
  const checkSessionUuid = (uuid: string, instance: string): Outcome<undefined, HttpResult> =>
    model.sessionUuid.test(uuid)
      ? PASSED
      : refuse(
          problems.status(404, { detail: `${uuid} is not a session UUID (${model.sessionUuid.source}).`, instance }),
        );

  /** The body as a JSON object (none is `{}`); refused with the problem with it. */
  async function readObject(
    req: IncomingMessage,
    instance: string,
    example: string,
  ): Promise<Outcome<JsonObject, HttpResult>> {
    // The API's own reader: application/json, I-JSON, not too deep; no body at all is `{}`.
    const parsed = await readRequestJson(req, model.limits.maxBodyBytes, problems, instance);
    if (!parsed.ok) return parsed;
    const { value } = parsed.value;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      return refuse(
        invalid('The request is not valid.', instance, [
          { pointer: '', detail: `must be an object, such as ${example}` },
        ]),
      );
    }
    return accept(value as JsonObject);
  }

  /** The remote hang-up's options (`{ source, cause }`, both optional); refused with what is wrong with them. */
  function hangupOptions(
    options: JsonObject,
    instance: string,
  ): Outcome<{ source: HangupSource; cause: HangupCause }, HttpResult> {
    const { source = 'caller', cause = model.defaultCause } = options;
    const errors: FieldError[] = [
      ...(REMOTE_SOURCES.includes(source as HangupSource)
        ? []
        : [{ pointer: '/source', detail: `must be one of ${REMOTE_SOURCES.join(', ')}` }]),
      ...(typeof cause === 'string' && Object.hasOwn(model.causeCodes, cause)
        ? []
        : [{ pointer: '/cause', detail: 'must be a known hangup cause name' }]),
    ];
    if (errors.length > 0) return refuse(invalid('The remote hang-up request is not valid.', instance, errors));
    return accept({ source: source as HangupSource, cause: cause as HangupCause });
  }

  return {
    /** `POST /__mock/sessions`: a new inbound call, ringing; `{ "uuid" }` picks its id. */
    async create(req: IncomingMessage, instance: string): Promise<HttpResult> {
      const read = await readObject(req, instance, '{"uuid": "3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234"}');
      if (!read.ok) return read.reason;
      const body = read.value;
      const errors: FieldError[] = Object.keys(body)
        .filter((name) => name !== 'uuid')
        .map((name) => ({ pointer: formatPointer([name]), detail: 'is not a member of this request (only uuid is)' }));
      if (body.uuid !== undefined && !(typeof body.uuid === 'string' && model.sessionUuid.test(body.uuid))) {
        errors.unshift({ pointer: '/uuid', detail: 'must be a UUID such as 3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234' });
      }
      if (errors.length > 0) return invalid('The new session request is not valid.', instance, errors);
      const uuid = ((body.uuid as string | undefined) ?? randomUUID()).toLowerCase();
      const known = sessions.peek(uuid);
      if (known !== undefined) {
        return problems.of('mock-session-exists', {
          detail: `The mock already knows session ${uuid} (${known.state}); pick another uuid, or omit it for a fresh one.`,
          instance,
        });
      }
      const session = sessions.get(uuid, new Date(clock.now()));
      return jsonResult(
        201,
        { uuid: session.uuid, state: session.state },
        { location: `/__mock/sessions/${session.uuid}` },
      );
    },

    /** `GET /__mock/sessions/{uuid}`. */
    state(uuid: string, instance: string): HttpResult {
      const isUuid = checkSessionUuid(uuid, instance);
      if (!isUuid.ok) return isUuid.reason;
      const session = sessions.peek(uuid);
      if (session === undefined)
        return problems.of('session-not-found', { detail: `The mock has not seen session ${uuid}.`, instance });
      return jsonResult(200, {
        session_uuid: session.uuid,
        state: session.state,
        started_at: isoTime(session.startedAt),
        answered_at: session.answeredAt === null ? null : isoTime(session.answeredAt),
      });
    },

    /** `POST /__mock/sessions/{uuid}/remote-hangup`: `call.hangup` with `operation_id: null`. */
    async remoteHangup(req: IncomingMessage, uuid: string, instance: string): Promise<HttpResult> {
      const isUuid = checkSessionUuid(uuid, instance);
      if (!isUuid.ok) return isUuid.reason;
      const read = await readObject(req, instance, '{"source": "caller"}');
      if (!read.ok) return read.reason;
      const hangupAsked = hangupOptions(read.value, instance);
      if (!hangupAsked.ok) return hangupAsked.reason;
      const options = hangupAsked.value;

      const session = sessions.get(uuid, new Date(clock.now()));
      if (!checkTransition(REMOTE_HANGUP, session.state).ok)
        return problems.of('session-not-found', { detail: `Session ${uuid} has already ended.`, instance });
      sessions.transition(session, REMOTE_HANGUP.to);
      const at = new Date(clock.now());
      const hangup = { cause: options.cause, causeCode: model.causeCodes[options.cause]!, source: options.source };
      const event = payloadBuilders['call.hangup']({ session, at, operationId: null, hangup });
      outbox.send(session.uuid, [{ event, dueAt: at.getTime() }]);
      return jsonResult(202, { session_uuid: session.uuid, webhook: 'call.hangup', webhook_id: event.id });
    },
  };
}

export type SessionControl = ReturnType<typeof createSessionControl>;
