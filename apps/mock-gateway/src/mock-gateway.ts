// startMockGateway: the mock gateway's parts, wired. A request to the API goes through
// admission (the engine's verdict → the spec's problems) and then command execution (scenario,
// idempotency, the command table's state machine, the plan and its webhooks); a request under
// /__mock/ goes to the mock's control plane. Each part is its own module.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import { createAdmission } from './admission.js';
import { type Clock, systemClock } from './clock.js';
import { createCommandExecution } from './command-execution.js';
import { createCommandTable } from './command-table.js';
import { refuseCredentials, type Credentials } from './credentials.js';
import type { HttpResult } from './http-result.js';
import { createHttpServer, listen } from './http-server.js';
import { createIdempotencyStore } from './idempotency.js';
import { createLog, type Log, type LogFormat } from './log.js';
import { createMockControl, MOCK_CONTROL_PREFIX } from './mock-control.js';
import { createRequestEngine, type EngineChoice } from './request-engine.js';
import { createProblems } from './problems.js';
import { SCENARIO_HEADER } from './scenarios.js';
import { createSessionStore } from './sessions.js';
import { loadSpecModel, type SpecModel } from './spec-model.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './webhook-dispatcher.js';
import { createWebhookOutbox } from './webhook-outbox.js';

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
  /** How long one delivery attempt may take; default the spec's `webhook_response_timeout_ms`. */
  deliveryTimeoutMs?: number;
  /** How long a client may take to send a whole request, headers and body; default 10 s. */
  requestTimeoutMs?: number;
  /** How long a client may take to send its headers; default (and at most) requestTimeoutMs. */
  headersTimeoutMs?: number;
  /** How long shutdown waits for queued webhooks; default 5 s. */
  shutdownGraceMs?: number;
  /** How many sessions are remembered (the oldest ended ones are forgotten first); default 100,000. */
  maxSessions?: number;
  /** How many command_uid keys a session keeps (the oldest completed one is forgotten first); default 1,000. */
  maxKeysPerSession?: number;
  /** How many webhooks may wait for delivery, over all sessions; default 10,000. */
  maxQueuedWebhooks?: number;
  /** How many webhooks may wait for delivery per session; default 100. */
  maxQueuedWebhooksPerSession?: number;
  logFormat?: LogFormat;
  quiet?: boolean;
  log?: Log;
  /** The bundled spec to serve; default `@call-control/spec`'s. */
  specPath?: string;
  /** The clock behind every wait and date; default the system's. */
  clock?: Clock;
  /**
   * Which engine judges requests without `Prefer`: `compiled` (default; the spec's schemas,
   * compiled at start-up) or `prism` (Prism's own pipeline, the oracle the tests compare with).
   */
  engine?: EngineChoice;
}

export interface MockGateway {
  url: string;
  webhookSecret: string;
  server: Server;
  dispatcher: WebhookDispatcher | undefined;
  /**
   * Loads Prism's engine now. It serves only `Prefer`, and loading it stalls the process for about
   * a second, so it is loaded by the first request that says `Prefer`, or by this.
   */
  preload(): Promise<void>;
  /** Stops accepting, finishes in-flight deliveries (bounded by shutdownGraceMs), closes. */
  close(): Promise<void>;
}

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

const credentialsOf = ({ appId, apiKey }: MockGatewayOptions): Credentials | undefined =>
  appId !== undefined && apiKey !== undefined ? { appId, apiKey } : undefined;

function createDispatcher(options: MockGatewayOptions, model: SpecModel, secret: string, log: Log, clock: Clock) {
  if (!options.webhookUrl) return undefined;
  return createWebhookDispatcher({
    url: new URL(options.webhookUrl),
    secret,
    retryScheduleS: model.limits.webhookRetryScheduleS,
    retryAfterStatuses: model.limits.webhookRetryAfterStatuses,
    retryScale: options.retryScale ?? 0.001,
    attemptTimeoutMs: options.deliveryTimeoutMs ?? model.limits.webhookResponseTimeoutMs,
    log,
    clock,
    ...(options.maxQueuedWebhooks === undefined ? {} : { maxQueued: options.maxQueuedWebhooks }),
    ...(options.maxQueuedWebhooksPerSession === undefined ? {} : { maxQueuedPerSession: options.maxQueuedWebhooksPerSession }),
  });
}

/** The request handler: the control plane, or admission then execution of a command. */
async function createRequestHandler(options: MockGatewayOptions, model: SpecModel, log: Log, dispatcher: WebhookDispatcher | undefined) {
  const clock = options.clock ?? systemClock;
  const credentials = credentialsOf(options);
  const problems = createProblems(model);
  const table = createCommandTable(model);
  const idempotency = createIdempotencyStore(options.maxKeysPerSession === undefined ? {} : { maxKeysPerSession: options.maxKeysPerSession });
  const sessions = createSessionStore({ ...(options.maxSessions === undefined ? {} : { maxSessions: options.maxSessions }), onEvict: idempotency.forgetSession });
  const outbox = createWebhookOutbox({ dispatcher, log, clock });
  const engine = createRequestEngine(model.document, options.engine);
  // Prism as the chosen engine is needed at once; otherwise by the first `Prefer`.
  if (options.engine === 'prism') await engine.preload();
  const admission = createAdmission({ engine, problems, table, maxBodyBytes: model.limits.maxBodyBytes, credentials });
  const execution = createCommandExecution({ model, sessions, idempotency, problems, outbox, log, clock });
  const control = createMockControl({ model, sessions, problems, outbox, clock });

  const handle = async (req: IncomingMessage, url: URL): Promise<HttpResult> => {
    if (url.pathname.startsWith(MOCK_CONTROL_PREFIX)) {
      // The control plane can end calls and read them: with a configured pair, only that pair.
      const refused = credentials === undefined ? undefined : refuseCredentials(req.headersDistinct, credentials);
      return refused === undefined ? control.handle(req, url) : problems.of('unauthorized', { detail: refused, instance: url.pathname });
    }
    const admitted = await admission.admit(req, url);
    if (admitted.kind === 'answered') return admitted.result;
    const scenario = req.headers[SCENARIO_HEADER] as string | undefined;
    const result = await execution.run(admitted.command, scenario);
    // The log line says why, when a scenario shaped the answer.
    return result.note === undefined && scenario !== undefined ? { ...result, note: `${SCENARIO_HEADER}: ${scenario}` } : result;
  };
  return { handle, problems, engine };
}

export async function startMockGateway(options: MockGatewayOptions = {}): Promise<MockGateway> {
  const model = loadSpecModel(options.specPath);
  const log = options.log ?? createLog({ format: options.logFormat ?? 'pretty', quiet: options.quiet ?? false });
  const webhookSecret = options.webhookSecret ?? generateWebhookSecret();
  const dispatcher = createDispatcher(options, model, webhookSecret, log, options.clock ?? systemClock);
  const { handle, problems, engine } = await createRequestHandler(options, model, log, dispatcher);
  // Slow or stalled clients are cut off: the whole request (at most max_body_bytes) within
  // requestTimeoutMs, its headers within headersTimeoutMs.
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const server = createHttpServer({ handle, problems, log, requestTimeoutMs, headersTimeoutMs: options.headersTimeoutMs ?? requestTimeoutMs });
  const url = await listen(server, options.port ?? 4010, options.host ?? '127.0.0.1');

  let closing: Promise<void> | undefined;
  return {
    url,
    webhookSecret,
    server,
    dispatcher,
    preload: () => engine.preload(),
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
