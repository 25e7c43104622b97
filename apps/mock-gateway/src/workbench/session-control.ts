// The control plane's sessions: start an inbound ringing call on demand (so a test need not
// invent a UUID), read a session's state, and make the remote party hang up — with the
// commands of the API, every webhook can be caused on demand.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { CallDirection, HangupSource } from '@call-control/types';
import { isoTime, type Clock } from '../common/clock.js';
import type { CallTimeline } from '../commands/call-timeline.js';
import { clearedCause } from '../commands/command-plan.js';
import { checkTransition, REMOTE_HANGUP } from '../commands/command-table.js';
import { payloadBuilders } from '../commands/webhook-payloads.js';
import { jsonResult, type HttpResult } from '../common/http-result.js';
import { accept, type Outcome, PASSED, refuse } from '../common/outcome.js';
import type { FieldError, Problems } from '../common/problems.js';
import type { Session, SessionMode, SessionStore } from '../commands/sessions.js';
import { readRequestJson } from '../http/json-body.js';
import type { Log } from '../common/log.js';
import type { SpecModel } from '../common/spec-model.js';
import { checkControlBody, type ControlBody } from './control-schemas.js';

/** The bodies as their schemas in the control plane's document allow them. */
interface NewSessionRequest {
  uuid?: string;
  direction?: CallDirection;
  from?: string;
  to?: string;
}
interface RemoteHangupRequest {
  source?: Exclude<HangupSource, 'api'>;
  cause?: string;
}

export interface SessionControlContext {
  model: SpecModel;
  sessions: SessionStore;
  problems: Problems;
  /** Where the hang-up's webhook goes: the call's timeline, where the call's end wins a race with a command still completing. */
  timeline: CallTimeline;
  clock: Clock;
  log: Log;
  /** `explicit`: only sessions made here exist; a remote hang-up of any other is a 404. */
  sessionMode: SessionMode;
}

type JsonObject = Record<string, unknown>;

export function createSessionControl(context: SessionControlContext) {
  const { model, sessions, problems, timeline, clock, log, sessionMode } = context;
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

  /** The body, valid against its schema in the control plane's document; refused with the 422 naming each field. */
  async function readRequest<Value>(
    req: IncomingMessage,
    instance: string,
    schema: ControlBody,
    example: string,
  ): Promise<Outcome<Value, HttpResult>> {
    const read = await readObject(req, instance, example);
    if (!read.ok) return read;
    const checked = checkControlBody<Value>(schema, read.value);
    if (checked.ok) return checked;
    return refuse(invalid(`The body is not a valid ${schema}.`, instance, checked.reason));
  }

  /** The session's state and call, as `GET /__mock/sessions/{uuid}` gives it. */
  const stateOf = (session: Session) => ({
    session_uuid: session.uuid,
    state: session.state,
    direction: session.direction,
    ...(session.from === undefined ? {} : { from: session.from }),
    ...(session.to === undefined ? {} : { to: session.to }),
    started_at: isoTime(session.startedAt),
    answered_at: session.answeredAt === null ? null : isoTime(session.answeredAt),
  });

  return {
    /** `POST /__mock/sessions`: a new inbound call, ringing; `{ "uuid" }` picks its id. */
    async create(req: IncomingMessage, instance: string): Promise<HttpResult> {
      const example = '{"direction": "inbound", "from": "+15551230001", "to": "+15551230002"}';
      const read = await readRequest<NewSessionRequest>(req, instance, 'NewSessionRequest', example);
      if (!read.ok) return read.reason;
      const body = read.value;
      const uuid = ((body.uuid as string | undefined) ?? randomUUID()).toLowerCase();
      const known = sessions.peek(uuid);
      if (known !== undefined) {
        return problems.of('mock-session-exists', {
          detail: `The mock already knows session ${uuid} (${known.state}); pick another uuid, or omit it for a fresh one.`,
          instance,
        });
      }
      const { direction, from, to } = body;
      const session = sessions.get(uuid, new Date(clock.now()), { direction, from, to });
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
      return jsonResult(200, stateOf(session));
    },

    /** `POST /__mock/sessions/{uuid}/remote-hangup`: `call.hangup` with `operation_id: null`. */
    async remoteHangup(req: IncomingMessage, uuid: string, instance: string): Promise<HttpResult> {
      const isUuid = checkSessionUuid(uuid, instance);
      if (!isUuid.ok) return isUuid.reason;
      const read = await readRequest<RemoteHangupRequest>(req, instance, 'RemoteHangupRequest', '{"source": "callee"}');
      if (!read.ok) return read.reason;
      const { source = 'caller' } = read.value;
      // The cause as the API's own hangup takes it: a name the gateway does not know clears normally.
      const notes: string[] = [];
      const cause = clearedCause(model, read.value.cause, notes);
      for (const note of notes) log.info(note, { session: uuid });

      const session = sessionMode === 'explicit' ? sessions.peek(uuid) : sessions.get(uuid, new Date(clock.now()));
      if (session === undefined)
        return problems.of('session-not-found', {
          detail: `The mock has no session ${uuid} (--sessions explicit: create it with POST /__mock/sessions).`,
          instance,
        });
      if (!checkTransition(REMOTE_HANGUP, session.state).ok)
        return problems.of('session-not-found', { detail: `Session ${uuid} has already ended.`, instance });
      const at = new Date(clock.now());
      timeline.end(session.uuid, at.getTime()); // a command still completing loses the race
      sessions.transition(session, REMOTE_HANGUP.to);
      const hangup = { cause, causeCode: model.causeCodes[cause]!, source };
      const event = payloadBuilders['call.hangup']({ session, at, operationId: null, hangup });
      timeline.send(session.uuid, [{ event, dueAt: at.getTime() }]);
      return jsonResult(202, { session_uuid: session.uuid, webhook: 'call.hangup', webhook_id: event.id });
    },
  };
}

export type SessionControl = ReturnType<typeof createSessionControl>;
