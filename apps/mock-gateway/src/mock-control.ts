// The mock's own control endpoints, outside the API (under /__mock/): make the remote party
// hang up, and read a session's state. They exist only in the mock.
import type { IncomingMessage } from 'node:http';
import type { HangupCause, HangupSource } from '@call-control/types';
import type { Clock } from './clock.js';
import { REMOTE_HANGUP, refusal } from './command-table.js';
import { eventBuilders } from './events.js';
import { jsonResult, type HttpResult } from './http-result.js';
import type { FieldError, Problems } from './problems.js';
import { readBody } from './request-body.js';
import type { SessionStore } from './sessions.js';
import { parseStrictJson } from './strict-json.js';
import type { SpecModel } from './spec-model.js';
import type { WebhookOutbox } from './webhook-outbox.js';

export const MOCK_CONTROL_PREFIX = '/__mock/';
const SESSION = /^\/__mock\/sessions\/([^/]+)(\/remote-hangup)?$/;
const REMOTE_SOURCES: readonly HangupSource[] = ['caller', 'callee', 'system', 'unknown'];

export interface MockControlContext {
  model: SpecModel;
  sessions: SessionStore;
  problems: Problems;
  outbox: WebhookOutbox;
  clock: Clock;
}

export function createMockControl({ model, sessions, problems, outbox, clock }: MockControlContext) {
  const invalid = (detail: string, instance: string, errors: FieldError[]) =>
    problems.plain(422, 'Invalid mock control', { type: `${model.problemTypeBase}mock-control-invalid`, detail, instance, errors });
  const methodNotAllowed = (allow: string, instance: string) =>
    problems.plain(405, 'Method Not Allowed', { detail: `Use ${allow}.`, instance, headers: { allow } });

  function sessionState(uuid: string, instance: string): HttpResult {
    const session = sessions.peek(uuid);
    if (session === undefined) return problems.of('session-not-found', { detail: `The mock has not seen session ${uuid}.`, instance });
    return jsonResult(200, {
      session_uuid: session.uuid,
      state: session.state,
      started_at: session.startedAt.toISOString(),
      answered_at: session.answeredAt?.toISOString() ?? null,
    });
  }

  /** The remote hang-up's options (`{ source, cause }`, both optional), or the problem with them. */
  function readOptions(bytes: Buffer, instance: string): { source: HangupSource; cause: HangupCause } | HttpResult {
    const parsed = bytes.toString('utf8').trim() === '' ? { ok: true as const, value: {} } : parseStrictJson(bytes);
    if (!parsed.ok) return problems.of('malformed-json', { detail: `The body is not valid JSON: ${parsed.reason}.`, instance });
    const options = parsed.value;
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      return invalid('The remote hang-up request is not valid.', instance, [{ pointer: '', detail: 'must be an object, such as {"source": "caller"}' }]);
    }
    const { source = 'caller', cause = model.defaultCause } = options as { source?: unknown; cause?: unknown };
    const errors: FieldError[] = [
      ...(REMOTE_SOURCES.includes(source as HangupSource) ? [] : [{ pointer: '/source', detail: `must be one of ${REMOTE_SOURCES.join(', ')}` }]),
      ...(typeof cause === 'string' && Object.hasOwn(model.causeCodes, cause) ? [] : [{ pointer: '/cause', detail: 'must be a known hangup cause name' }]),
    ];
    if (errors.length > 0) return invalid('The remote hang-up request is not valid.', instance, errors);
    return { source: source as HangupSource, cause: cause as HangupCause };
  }

  async function remoteHangup(req: IncomingMessage, uuid: string, instance: string): Promise<HttpResult> {
    const read = await readBody(req, model.limits.maxBodyBytes);
    if (read.kind === 'too-large') return problems.of('content-too-large', { detail: 'The body is too large.', instance });
    if (read.kind === 'aborted') return problems.plain(400, 'Bad Request', { detail: 'The request body did not arrive in full.', instance });
    const options = readOptions(read.bytes, instance);
    if ('status' in options) return options;

    const session = sessions.get(uuid, new Date(clock.now()));
    if (refusal(REMOTE_HANGUP, session.state) !== undefined) return problems.of('session-not-found', { detail: `Session ${uuid} has already ended.`, instance });
    sessions.transition(session, REMOTE_HANGUP.to);
    const at = new Date(clock.now());
    const hangup = { cause: options.cause, causeCode: model.causeCodes[options.cause]!, source: options.source };
    const event = eventBuilders['call.hangup']({ session, at, operationId: null, hangup });
    outbox.send(session.uuid, [{ event, dueAt: at.getTime() }]);
    return jsonResult(202, { session_uuid: session.uuid, webhook: 'call.hangup', webhook_id: event.id });
  }

  return {
    handle(req: IncomingMessage, url: URL): Promise<HttpResult> | HttpResult {
      const instance = url.pathname;
      const match = SESSION.exec(instance);
      if (match === null) return problems.plain(404, 'Not Found', { detail: `There is no mock control ${instance}.`, instance });
      const [, uuid, hangup] = match as unknown as [string, string, string | undefined];
      // The API's own rule for a session UUID, so the control plane cannot make a session the API would refuse.
      if (!model.sessionUuid.test(uuid)) return problems.plain(404, 'Not Found', { detail: `${uuid} is not a session UUID (${model.sessionUuid.source}).`, instance });
      if (hangup === undefined) return req.method === 'GET' ? sessionState(uuid, instance) : methodNotAllowed('GET', instance);
      return req.method === 'POST' ? remoteHangup(req, uuid, instance) : methodNotAllowed('POST', instance);
    },
  };
}

export type MockControl = ReturnType<typeof createMockControl>;
