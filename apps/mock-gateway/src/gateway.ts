// The mock gateway's HTTP layer: each request goes through Prism (routing, security,
// validation), then through what Prism lacks — problem bodies, sessions, idempotency, fresh
// operations and the webhooks that follow — each in its own module.
import { randomBytes } from 'node:crypto';
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { CommandOperationId } from '@call-control/types';
import { canTimeOut, planCommand, type PlannedEvent } from './command-plan.js';
import type { HttpResult } from './http-result.js';
import { jsonResult } from './http-result.js';
import { checkIdempotency, forgetIdempotencyKey } from './idempotency.js';
import { createLog, type Log, type LogFormat } from './log.js';
import { handleMockControl, MOCK_CONTROL_PREFIX } from './mock-control.js';
import { createPrismEngine } from './prism-engine.js';
import { createProblems } from './problems.js';
import { isJsonContentType, readBody } from './request-body.js';
import { parseScenario, SCENARIO_HEADER } from './scenarios.js';
import { createSessionStore, type SessionState } from './sessions.js';
import { loadSpecModel, type SpecModel } from './spec-model.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhook-dispatcher.js';

export interface MockGatewayOptions {
  port?: number;
  host?: string;
  /** Where webhooks are POSTed; without it they are planned and logged but not sent. */
  webhookUrl?: string;
  /** `whsec_…`; generated when omitted (read it back from the result). */
  webhookSecret?: string;
  /** When both are given, only this pair is accepted; otherwise any pair of the two headers is. */
  appId?: string;
  apiKey?: string;
  /** Multiplies the spec's webhook retry schedule; default 0.001 (seconds become milliseconds). */
  retryScale?: number;
  /** How long one delivery attempt may take; default the spec's 15 s. */
  deliveryTimeoutMs?: number;
  /** How long a client may take to send a whole request, headers and body; default 10 s. */
  requestTimeoutMs?: number;
  /** How long shutdown waits for queued webhooks; default 5 s. */
  shutdownGraceMs?: number;
  /** How many sessions are remembered (the oldest ended ones are forgotten first). */
  maxSessions?: number;
  /** How long a client may take to send its headers; default (and at most) requestTimeoutMs. */
  headersTimeoutMs?: number;
  logFormat?: LogFormat;
  quiet?: boolean;
  log?: Log;
  /** The bundled spec to serve; default `@call-control/spec`'s. */
  specPath?: string;
}

export interface MockGateway {
  url: string;
  webhookSecret: string;
  server: Server;
  dispatcher: WebhookDispatcher | undefined;
  /** Stops accepting, finishes in-flight deliveries (bounded by shutdownGraceMs), closes. */
  close(): Promise<void>;
}

const MEDIA_TYPE = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+\/[!#$%&'*+.^_`|~0-9A-Za-z-]+\s*(;.*)?$/;
const COMMAND_PATH = /^\/api\/v1\/sessions\/([^/]+)\/commands\/([^/]+)$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function headersOf(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function queryOf(url: URL): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) (query[name] ??= []).push(value);
  return query;
}

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

export async function startMockGateway(options: MockGatewayOptions = {}): Promise<MockGateway> {
  const model: SpecModel = loadSpecModel(options.specPath);
  const engine = await createPrismEngine(model.document);
  const problems = createProblems(model);
  const sessions = createSessionStore(options.maxSessions === undefined ? {} : { maxSessions: options.maxSessions });
  const log = options.log ?? createLog({ format: options.logFormat ?? 'pretty', quiet: options.quiet ?? false });
  const webhookSecret = options.webhookSecret ?? generateWebhookSecret();
  const dispatcher = options.webhookUrl
    ? createWebhookDispatcher({
        url: new URL(options.webhookUrl),
        secret: webhookSecret,
        retryScheduleS: model.limits.webhookRetryScheduleS,
        retryScale: options.retryScale ?? 0.001,
        attemptTimeoutMs: options.deliveryTimeoutMs ?? model.limits.webhookResponseTimeoutMs,
        log,
      })
    : undefined;
  const credentials = options.appId !== undefined && options.apiKey !== undefined ? { appId: options.appId, apiKey: options.apiKey } : undefined;

  async function handleCommand(req: IncomingMessage, url: URL): Promise<HttpResult> {
    const instance = url.pathname;
    const headers = headersOf(req);
    const read = await readBody(req, model.limits.maxBodyBytes);
    if (read.kind === 'too-large') {
      return problems.of('content-too-large', {
        detail: `The request body is ${read.declared ?? 'more than ' + model.limits.maxBodyBytes} bytes; the limit is ${model.limits.maxBodyBytes} bytes.`,
        instance,
        headers: { connection: 'close' },
      });
    }
    if (read.kind === 'aborted') {
      return problems.plain(400, 'Bad Request', { detail: 'The request body did not arrive in full.', instance, note: 'client aborted' });
    }
    const text = read.bytes.toString('utf8');
    // No body at all is the same as `{}` (the spec's request bodies are optional).
    const empty = read.bytes.length === 0;
    let body: unknown = empty ? {} : text;
    let parseError: string | undefined;
    if (!empty && isJsonContentType(headers['content-type'])) {
      try {
        body = JSON.parse(text);
      } catch (error) {
        parseError = (error as Error).message;
      }
    }

    // Prism throws on a Content-Type that is not even a media type ("json"); it is a 415 either
    // way, decided below, so Prism does not see it.
    const engineHeaders = MEDIA_TYPE.test(headers['content-type'] ?? 'none/none') ? headers : { ...headers, 'content-type': 'application/octet-stream' };
    const verdict = await engine.check({ method: req.method ?? 'GET', path: url.pathname, query: queryOf(url), headers: engineHeaders, body });
    if (verdict.kind === 'no-route') return problems.plain(404, 'Not Found', { detail: `There is no ${url.pathname}.`, instance });
    if (verdict.kind === 'no-method') {
      return problems.plain(405, 'Method Not Allowed', {
        detail: `${req.method} is not allowed on ${url.pathname}; use ${verdict.allow.join(', ')}.`,
        instance,
        headers: { allow: verdict.allow.join(', ') },
      });
    }
    const appId = headers['x-app-id'] ?? '';
    // Sent twice, a credential is ambiguous (node:http would join the two values with ", ").
    const repeated = ['x-app-id', 'x-api-key'].filter((name) => (req.headersDistinct[name]?.length ?? 0) > 1);
    if (verdict.unauthorized || repeated.length > 0 || (credentials && (appId !== credentials.appId || headers['x-api-key'] !== credentials.apiKey))) {
      return problems.of('unauthorized', {
        detail: verdict.unauthorized
          ? 'Send both X-App-ID and X-API-Key.'
          : repeated.length > 0
            ? `Send ${repeated.map((name) => (name === 'x-app-id' ? 'X-App-ID' : 'X-API-Key')).join(' and ')} once, not several times.`
            : 'The X-App-ID and X-API-Key pair is not valid.',
        instance,
      });
    }
    if (!empty && !isJsonContentType(headers['content-type'])) {
      return problems.of('unsupported-media-type', {
        detail: `The request body must be sent as application/json, not ${headers['content-type'] ?? 'without a Content-Type'}.`,
        instance,
      });
    }
    if (parseError !== undefined) {
      return problems.of('malformed-json', { detail: `The request body is not valid JSON: ${parseError}.`, instance });
    }
    // Prism reads a JSON `null` body as no body at all (which is allowed); it is not an object.
    if (verdict.violations.length === 0 && (body === null || typeof body !== 'object' || Array.isArray(body))) {
      verdict.violations.push({ pointer: '', detail: 'must be object' });
    }
    if (verdict.violations.length > 0) {
      return problems.of('validation-failed', {
        detail: `The request breaks ${verdict.violations.length} rule${verdict.violations.length === 1 ? '' : 's'} of the ${verdict.operationId} command.`,
        instance,
        errors: verdict.violations,
      });
    }
    if (verdict.preferredProblem) {
      const { type, title, status, detail } = verdict.preferredProblem;
      return problems.plain(status, title, { type, detail, instance, note: `Prefer: ${headers.prefer}` });
    }
    if (verdict.preferred) {
      // `Prefer: code=…` / `example=…`: Prism's own example-based answer, as `prism mock` gives it.
      const { statusCode, headers: preferredHeaders = {}, body: preferredBody } = verdict.preferred;
      const lowerCased = Object.fromEntries(Object.entries(preferredHeaders).map(([name, value]) => [name.toLowerCase(), String(value)]));
      return {
        status: statusCode,
        headers: { 'content-type': 'application/json', ...lowerCased },
        ...(preferredBody === undefined ? {} : { body: typeof preferredBody === 'string' ? preferredBody : JSON.stringify(preferredBody) }),
        note: `Prefer: ${headers.prefer}`,
      };
    }

    const command = verdict.operationId as CommandOperationId;
    const sessionUuid = COMMAND_PATH.exec(url.pathname)![1]!;
    const scenario = parseScenario(headers[SCENARIO_HEADER]);
    if ('error' in scenario) {
      return problems.plain(400, 'Invalid mock scenario', {
        type: 'https://gateway.example.com/problems/mock-scenario-invalid',
        detail: `${SCENARIO_HEADER}: ${scenario.error}.`,
        instance,
      });
    }
    if (scenario.result === 'timed-out' && !canTimeOut(model, command)) {
      return problems.plain(400, 'Invalid mock scenario', {
        type: 'https://gateway.example.com/problems/mock-scenario-invalid',
        detail: `${SCENARIO_HEADER}: ${command} reports its result right after dispatch, so it cannot time out.`,
        instance,
      });
    }
    if (scenario.status === 429 || scenario.status === 503) {
      const retryAfter = { 'retry-after': String(scenario.retryAfterSeconds) };
      return scenario.status === 429
        ? problems.of('rate-limited', {
            detail: `Your application's general rate-limit group is exhausted; retry after ${scenario.retryAfterSeconds} seconds.`,
            instance,
            headers: retryAfter,
          })
        : problems.of('service-unavailable', {
            detail: `The gateway is not taking commands right now; retry after ${scenario.retryAfterSeconds} seconds.`,
            instance,
            headers: retryAfter,
          });
    }
    const notFound = () =>
      problems.of('session-not-found', {
        detail: `No active session ${sessionUuid}: it does not exist or has already ended.`,
        instance,
      });
    if (scenario.status === 404) return notFound();

    // A replay is answered from the store even after the session ended (the key outlives it).
    const session = sessions.get(sessionUuid);
    const commandBody = body as { command_uid?: string; cause?: string };
    const commandUid = commandBody.command_uid;
    let record;
    if (commandUid !== undefined) {
      const check = checkIdempotency(session, { appId, commandUid, command, body });
      if (check.kind === 'replay') {
        return { ...check.response, headers: { ...check.response.headers, 'idempotent-replayed': 'true' }, note: 'replayed' };
      }
      if (check.kind === 'in-flight') {
        return problems.of('command-in-flight', {
          detail: `A request with command_uid '${commandUid}' is still being processed; retry when it has completed.`,
          instance,
        });
      }
      if (check.kind === 'reused') {
        return problems.of('idempotency-key-reused', {
          detail: `command_uid '${commandUid}' was already used on this session with a different request.`,
          instance,
        });
      }
      record = check.record;
    }
    const release = () => commandUid !== undefined && forgetIdempotencyKey(session, appId, commandUid);

    if (session.state === 'ended') {
      release();
      return notFound();
    }
    if (scenario.dispatchDelayMs > 0) await sleep(scenario.dispatchDelayMs);
    // Another request may have ended the session while this one was held.
    if ((session.state as SessionState) === 'ended') {
      release();
      return notFound();
    }
    if (command === 'answer' && session.state === 'answered') {
      release();
      return problems.of('invalid-session-state', {
        detail: 'The call is already answered; answer is allowed only on a ringing call.',
        instance,
      });
    }

    const plan = planCommand(model, { command, session, body: commandBody, scenario, now: new Date() });
    sessions.transition(session, plan.nextState);
    session.answeredAt = plan.answeredAt;
    for (const note of plan.notes) log.info(note, { session: session.uuid });
    const result = jsonResult(202, plan.envelope);
    if (record) record.response = result;
    schedule(session.uuid, plan.events);
    return result;
  }

  /** Hands a session's events to the dispatcher; without a webhook URL, says what is not sent. */
  function schedule(session: string, events: PlannedEvent[]): void {
    if (dispatcher !== undefined) return dispatcher.enqueue(session, events);
    for (const { event, dueAt } of events) {
      log.info(`webhook ${event.type} ${event.id} (session ${session}) not sent: no webhook URL`, {
        event: event.type,
        id: event.id,
        session,
        due_in_ms: Math.max(0, dueAt - Date.now()),
      });
    }
  }

  const context = { model, sessions, problems, schedule };

  // Slow or stalled clients are cut off without holding resources or slowing anyone else: the
  // headers must arrive within headersTimeoutMs and the whole request (at most
  // max_body_bytes) within requestTimeoutMs; node:http checks them every
  // connectionsCheckingInterval, so check often enough to honour them.
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const headersTimeoutMs = Math.min(options.headersTimeoutMs ?? requestTimeoutMs, requestTimeoutMs);
  const serverTimeouts = {
    headersTimeout: headersTimeoutMs,
    requestTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, headersTimeoutMs / 2)),
  };
  const server = createServer(serverTimeouts, (req, res) => {
    const started = performance.now();
    // The request target is a path; prefixing the origin keeps `//x` a path, not a host.
    const url = URL.canParse(`http://mock${req.url ?? '/'}`) ? new URL(`http://mock${req.url ?? '/'}`) : new URL('http://mock/');
    const work = url.pathname.startsWith(MOCK_CONTROL_PREFIX) ? handleMockControl(req, url, context) : handleCommand(req, url);
    work
      .catch((error: unknown): HttpResult => {
        log.warn(`internal error on ${req.method} ${url.pathname}: ${(error as Error).stack ?? error}`);
        return problems.of('internal-error', {
          detail: 'The mock gateway failed unexpectedly; retrying with the same command_uid is safe.',
          instance: url.pathname,
        });
      })
      .then((result) => {
        // Node already answered this one (see 'clientError'), and said so in the log.
        if (answeredByClientError.has(req.socket)) return;
        send(res, result);
        const scenario = req.headers[SCENARIO_HEADER];
        const note = result.note ?? (scenario === undefined ? undefined : `${SCENARIO_HEADER}: ${String(scenario)}`);
        log.request({ method: req.method ?? '', path: url.pathname, status: result.status, ms: performance.now() - started, ...(note ? { note } : {}) });
      });
  });
  server.keepAliveTimeout = 5_000;
  // A request Node cannot even parse (a broken request line or chunk, headers too large, a
  // body that stopped arriving) still gets a problem body, then the connection is closed.
  const answeredByClientError = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const reply = clientErrorReply(error, requestTimeoutMs);
    if (reply !== undefined && socket.writable && (socket as Socket).bytesWritten === 0) {
      answeredByClientError.add(socket);
      const result = problems.plain(reply.status, STATUS_CODES[reply.status]!, { detail: reply.detail });
      socket.end(
        `HTTP/1.1 ${result.status} ${STATUS_CODES[result.status]}\r\ncontent-type: application/problem+json\r\n` +
          `content-length: ${Buffer.byteLength(result.body!)}\r\nconnection: close\r\n\r\n${result.body}`,
      );
      log.request({ method: '-', path: '-', status: result.status, ms: 0, note: error.code ?? error.message });
    }
    socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 4010, options.host ?? '127.0.0.1', () => resolve());
  });
  const { address, port } = server.address() as AddressInfo;
  const host = address.includes(':') ? `[${address}]` : address;

  let closing: Promise<void> | undefined;
  return {
    url: `http://${host}:${port}`,
    webhookSecret,
    server,
    dispatcher,
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        await dispatcher?.drain(options.shutdownGraceMs ?? 5_000);
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}

/** What to answer a request Node's parser rejected; undefined when the peer is gone. */
function clientErrorReply(error: NodeJS.ErrnoException, requestTimeoutMs: number): { status: number; detail: string } | undefined {
  switch (error.code) {
    case 'ECONNRESET':
      return undefined;
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, detail: 'The request headers are too large.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, detail: `The request did not arrive in full within ${requestTimeoutMs} ms.` };
    default:
      return { status: 400, detail: `The request is not well-formed HTTP (${error.code ?? error.message}).` };
  }
}

function send(res: ServerResponse, { status, headers, body }: HttpResult): void {
  if (res.headersSent) return;
  res.writeHead(status, body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}
