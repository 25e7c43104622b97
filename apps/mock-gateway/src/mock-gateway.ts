// startMockGateway: the mock gateway's parts, wired. A request to the API goes through
// admission (the engine's verdict → the spec's problems) and then command execution (scenario,
// idempotency, the command table's state machine, the plan and its webhooks); a request under
// /__mock/ goes to the mock's control plane. The workbench — the delivery journal and the
// event stream — hears of every command, session change and delivery. Each part is its own module.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { createAdmission } from './commands/admission.js';
import { checkChaos, drawLatency } from './workbench/chaos.js';
import { isoTime, sleep, systemClock } from './shared/clock.js';
import { createCommandExecution } from './commands/command-execution.js';
import { createCommandFeed } from './workbench/command-feed.js';
import { createCommandTable } from './commands/command-table.js';
import { refuseCredentials, type Credentials } from './commands/credentials.js';
import { createDeliveryControl } from './workbench/delivery-control.js';
import { createDeliveryJournal, type DeliveryJournal } from './workbench/delivery-journal.js';
import { createEventStream } from './workbench/event-stream.js';
import type { HttpResult } from './shared/http-result.js';
import { createHttpServer, listen } from './http/http-server.js';
import { createIdempotencyStore } from './commands/idempotency.js';
import { inspectorConfig, INSPECTOR_PATH, renderInspectorPage } from './workbench/inspector-page.js';
import { createLog, type Log } from './shared/log.js';
import { DEFAULT_JOURNAL_SIZE, type MockGateway, type MockGatewayOptions } from './mock-gateway-options.js';
import { createMockControl, MOCK_CONTROL_PREFIX } from './workbench/mock-control.js';
import { createRequestEngine } from './engine/request-engine.js';
import { createProblems } from './shared/problems.js';
import { SCENARIO_HEADER } from './commands/scenarios.js';
import { createSessionControl } from './workbench/session-control.js';
import { createSessionStore } from './commands/sessions.js';
import { loadSpecModel, type SpecModel } from './shared/spec-model.js';
import { createWebhookDispatcher, type WebhookDispatcher } from './delivery/webhook-dispatcher.js';
import { createWebhookOutbox } from './delivery/webhook-outbox.js';

export type { MockGateway, MockGatewayOptions } from './mock-gateway-options.js';
export { DEFAULT_JOURNAL_SIZE } from './mock-gateway-options.js';

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

const credentialsOf = ({ appId, apiKey }: MockGatewayOptions): Credentials | undefined =>
  appId !== undefined && apiKey !== undefined ? { appId, apiKey } : undefined;

function createDispatcher(
  options: MockGatewayOptions,
  model: SpecModel,
  secret: string,
  log: Log,
  journal: DeliveryJournal,
) {
  if (!options.webhookUrl) return undefined;
  return createWebhookDispatcher({
    url: new URL(options.webhookUrl),
    secret,
    retryScheduleS: model.limits.webhookRetryScheduleS,
    retryAfterStatuses: model.limits.webhookRetryAfterStatuses,
    retryScale: options.retryScale ?? 0.001,
    attemptTimeoutMs: options.deliveryTimeoutMs ?? model.limits.webhookResponseTimeoutMs,
    log,
    clock: options.clock ?? systemClock,
    ...(options.maxQueuedWebhooks === undefined ? {} : { maxQueued: options.maxQueuedWebhooks }),
    ...(options.maxQueuedWebhooksPerSession === undefined
      ? {}
      : { maxQueuedPerSession: options.maxQueuedWebhooksPerSession }),
    observer: journal,
    duplicateRate: options.webhookDuplicates ?? 0,
    ...(options.random ? { random: options.random } : {}),
  });
}

/** The workbench: the event stream, and the journal that reports to it. */
function createWorkbench(options: MockGatewayOptions) {
  const size = options.journalSize ?? DEFAULT_JOURNAL_SIZE;
  if (!(Number.isInteger(size) && size >= 1))
    throw new TypeError(`journalSize must be a whole number of at least 1, not ${size}`);
  const chaos = checkChaos({
    ...(options.latency ? { latency: options.latency } : {}),
    ...(options.webhookDuplicates === undefined ? {} : { duplicateRate: options.webhookDuplicates }),
  });
  if (chaos !== undefined) throw new TypeError(chaos);
  const stream = createEventStream({ historySize: size });
  const journal = createDeliveryJournal({ size, publish: (delivery) => stream.publish('delivery', delivery) });
  return { stream, journal };
}

type Workbench = ReturnType<typeof createWorkbench>;

/** The control plane: the page, the stream, the journal, the sessions. */
function createControl(
  options: MockGatewayOptions,
  parts: Parameters<typeof createSessionControl>[0] &
    Workbench & { dispatcher: WebhookDispatcher | undefined; log: Log },
) {
  const { model, problems, stream, journal } = parts;
  const page = renderInspectorPage(inspectorConfig(model, credentialsOf(options) !== undefined));
  return createMockControl({
    problems,
    stream,
    page,
    sessions: createSessionControl(parts),
    deliveries: createDeliveryControl(parts),
  });
}

const withNote = (result: HttpResult, note: string): HttpResult => ({
  ...result,
  note: result.note === undefined ? note : `${result.note}; ${note}`,
});

/** The request handler: the control plane, or admission then execution of a command. */
async function createRequestHandler(
  options: MockGatewayOptions,
  model: SpecModel,
  log: Log,
  dispatcher: WebhookDispatcher | undefined,
  workbench: Workbench,
) {
  const { clock = systemClock, latency, random = Math.random } = options;
  const credentials = credentialsOf(options);
  const problems = createProblems(model);
  const table = createCommandTable(model);
  const idempotency = createIdempotencyStore(
    options.maxKeysPerSession === undefined ? {} : { maxKeysPerSession: options.maxKeysPerSession },
  );
  const onChange = ({ uuid, state, startedAt }: { uuid: string; state: string; startedAt: number }) =>
    workbench.stream.publish('session', { session_uuid: uuid, state, started_at: isoTime(startedAt) });
  const sessions = createSessionStore({
    ...(options.maxSessions === undefined ? {} : { maxSessions: options.maxSessions }),
    onEvict: idempotency.forgetSession,
    onChange,
  });
  const outbox = createWebhookOutbox({ dispatcher, log, clock, journal: workbench.journal });
  const engine = createRequestEngine(model.document, options.engine);
  // Prism as the chosen engine is needed at once; otherwise by the first `Prefer`.
  if (options.engine === 'prism') await engine.preload();
  const admission = createAdmission({ engine, problems, table, maxBodyBytes: model.limits.maxBodyBytes, credentials });
  const execution = createCommandExecution({ model, sessions, idempotency, problems, outbox, log, clock });
  const control = createControl(options, { model, sessions, problems, outbox, clock, dispatcher, log, ...workbench });
  const feed = createCommandFeed({ table, publish: (event) => workbench.stream.publish('command', event) });

  const run = async (req: IncomingMessage, url: URL) => {
    const admitted = await admission.admit(req, url);
    if (admitted.kind === 'answered') return { admitted: undefined, result: admitted.result };
    const scenario = req.headers[SCENARIO_HEADER] as string | undefined;
    const result = await execution.run(admitted.command, scenario);
    // The log line says why, when a scenario shaped the answer.
    return {
      admitted: admitted.command,
      result:
        result.note === undefined && scenario !== undefined
          ? withNote(result, `${SCENARIO_HEADER}: ${scenario}`)
          : result,
    };
  };

  const handle = async (req: IncomingMessage, url: URL): Promise<HttpResult> => {
    if (url.pathname === '/__mock' || url.pathname.startsWith(MOCK_CONTROL_PREFIX)) {
      // The control plane can end calls and read them: with a configured pair, only that pair.
      // The page itself holds nothing and a browser cannot send headers to open it: it asks.
      const open = credentials === undefined || url.pathname === INSPECTOR_PATH || url.pathname === '/__mock';
      const refused = open ? undefined : refuseCredentials(req.rawHeaders, credentials);
      return refused === undefined
        ? control.handle(req, url)
        : problems.of('unauthorized', { detail: refused, instance: url.pathname });
    }
    const receivedAt = clock.now();
    const { admitted, result } = await run(req, url);
    // Chaos: the command has run (its webhooks may already be on their way); the answer waits.
    const latencyMs = latency === undefined ? 0 : drawLatency(latency, random);
    if (latencyMs > 0) await sleep(clock, latencyMs);
    feed.handled({ receivedAt, method: req.method ?? '', url, admitted, result, latencyMs });
    return latencyMs > 0 ? withNote(result, `latency ${latencyMs} ms`) : result;
  };
  return { handle, problems, engine, execution };
}

export async function startMockGateway(options: MockGatewayOptions = {}): Promise<MockGateway> {
  const model = loadSpecModel(options.specPath);
  const log = options.log ?? createLog({ format: options.logFormat ?? 'pretty', quiet: options.quiet ?? false });
  const webhookSecret = options.webhookSecret ?? generateWebhookSecret();
  const workbench = createWorkbench(options);
  const dispatcher = createDispatcher(options, model, webhookSecret, log, workbench.journal);
  const { handle, problems, engine, execution } = await createRequestHandler(
    options,
    model,
    log,
    dispatcher,
    workbench,
  );
  // Slow or stalled clients are cut off: the whole request (at most max_body_bytes) within
  // requestTimeoutMs, its headers within headersTimeoutMs.
  const requestTimeoutMs = options.requestTimeoutMs ?? 10_000;
  const server = createHttpServer({
    handle,
    problems,
    log,
    requestTimeoutMs,
    headersTimeoutMs: options.headersTimeoutMs ?? requestTimeoutMs,
  });
  const url = await listen(server, options.port ?? 4010, options.host ?? '127.0.0.1');

  let closing: Promise<void> | undefined;
  return {
    url,
    inspectorUrl: `${url}${INSPECTOR_PATH}`,
    webhookSecret,
    server,
    dispatcher,
    preload: () => engine.preload(),
    stats: () => ({
      commandsAccepted: execution.accepted,
      ...(dispatcher ? { webhooks: { ...dispatcher.stats } } : {}),
    }),
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        workbench.stream.close(); // its responses never end by themselves
        server.closeIdleConnections();
        await dispatcher?.drain(options.shutdownGraceMs ?? 5_000);
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}
