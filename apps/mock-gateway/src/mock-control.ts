// The mock's own control endpoints, outside the API (under /__mock/): make the remote party
// hang up, and read a session's state. They exist only in the mock.
import type { IncomingMessage } from 'node:http';
import type { HangupCause, HangupSource } from '@call-control/types';
import { eventBuilders } from './events.js';
import { type HttpResult, jsonResult } from './http-result.js';
import type { createProblems } from './problems.js';
import { readBody } from './request-body.js';
import type { SessionStore } from './sessions.js';
import type { SpecModel } from './spec-model.js';
import type { PlannedEvent } from './command-plan.js';

export const MOCK_CONTROL_PREFIX = '/__mock/';
const SESSION = /^\/__mock\/sessions\/([0-9a-fA-F-]{36})(\/remote-hangup)?$/;
const REMOTE_SOURCES: readonly HangupSource[] = ['caller', 'callee', 'system', 'unknown'];
const CONTROL_PROBLEM = 'https://gateway.example.com/problems/mock-control-invalid';

interface Context {
  model: SpecModel;
  sessions: SessionStore;
  problems: ReturnType<typeof createProblems>;
  /** Queues a session's events for delivery (or logs them when there is no webhook URL). */
  schedule(session: string, events: PlannedEvent[]): void;
}

export async function handleMockControl(req: IncomingMessage, url: URL, context: Context): Promise<HttpResult> {
  const { model, sessions, problems, schedule } = context;
  const instance = url.pathname;
  const match = SESSION.exec(url.pathname);
  if (match === null) return problems.plain(404, 'Not Found', { detail: `There is no mock control ${url.pathname}.`, instance });
  const uuid = match[1]!;
  const hangup = match[2];

  if (!hangup) {
    if (req.method !== 'GET') return problems.plain(405, 'Method Not Allowed', { detail: 'Use GET.', instance, headers: { allow: 'GET' } });
    const session = sessions.peek(uuid);
    if (session === undefined) return problems.of('session-not-found', { detail: `The mock has not seen session ${uuid}.`, instance });
    return jsonResult(200, {
      session_uuid: session.uuid,
      state: session.state,
      started_at: session.startedAt.toISOString(),
      answered_at: session.answeredAt?.toISOString() ?? null,
    });
  }

  if (req.method !== 'POST') return problems.plain(405, 'Method Not Allowed', { detail: 'Use POST.', instance, headers: { allow: 'POST' } });
  const read = await readBody(req, model.limits.maxBodyBytes);
  if (read.kind === 'too-large') return problems.of('content-too-large', { detail: 'The body is too large.', instance });
  if (read.kind === 'aborted') return problems.plain(400, 'Bad Request', { detail: 'The request body did not arrive in full.', instance });
  let options: { source?: unknown; cause?: unknown } = {};
  const text = read.bytes.toString('utf8').trim();
  try {
    options = text === '' ? {} : JSON.parse(text);
  } catch (error) {
    return problems.of('malformed-json', { detail: `The body is not valid JSON: ${(error as Error).message}.`, instance });
  }
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    const errors = [{ pointer: '', detail: 'must be an object, such as {"source": "caller"}' }];
    return problems.plain(422, 'Invalid mock control', { type: CONTROL_PROBLEM, detail: 'The remote hang-up request is not valid.', instance, errors });
  }
  const source = (options.source ?? 'caller') as HangupSource;
  const cause = (options.cause ?? model.defaultCause) as HangupCause;
  const errors = [
    ...(REMOTE_SOURCES.includes(source) ? [] : [{ pointer: '/source', detail: `must be one of ${REMOTE_SOURCES.join(', ')}` }]),
    ...(typeof cause === 'string' && Object.hasOwn(model.causeCodes, cause) ? [] : [{ pointer: '/cause', detail: 'must be a known hangup cause name' }]),
  ];
  if (errors.length > 0) {
    return problems.plain(422, 'Invalid mock control', { type: CONTROL_PROBLEM, detail: 'The remote hang-up request is not valid.', instance, errors });
  }

  const session = sessions.get(uuid);
  if (session.state === 'ended') return problems.of('session-not-found', { detail: `Session ${uuid} has already ended.`, instance });
  sessions.transition(session, 'ended');
  const at = new Date();
  const event = eventBuilders['call.hangup']({
    session,
    at,
    operationId: null,
    command: null,
    commandUid: '',
    requestedAt: at,
    status: 'succeeded',
    hangup: { cause, causeCode: model.causeCodes[cause]!, source },
  });
  schedule(session.uuid, [{ event, dueAt: at.getTime() }]);
  return jsonResult(202, { session_uuid: session.uuid, webhook: 'call.hangup', webhook_id: event.id });
}
