// startMockGateway: the mock gateway's parts, built and connected — nothing else happens here.
// The request router sends each request to the control plane or through admission and
// execution; the outbox hands each planned webhook to delivery; the journal, the stream and
// the command feed hear of every command, session change and delivery.
import { createAdmission } from './commands/admission.js';
import { type CallTimeline, createCallTimeline } from './commands/call-timeline.js';
import { createCommandExecution } from './commands/command-execution.js';
import { createMockControl } from './control/mock-control.js';
import { type CommandTable, createCommandTable } from './commands/command-table.js';
import { createIdempotencyStore, type IdempotencyStore } from './commands/idempotency.js';
import { SCENARIO_HEADER } from './commands/scenarios.js';
import { createSessionStore, type SessionStore } from './commands/sessions.js';
import { createWebhookOutbox } from './delivery/webhook-outbox.js';
import { createRequestEngine } from './engine/request-engine.js';
import { corsRequestHeaders, withCors } from './http/cors.js';
import { createHostAllowlist } from './http/host-allowlist.js';
import { createHttpServer, listen } from './http/http-server.js';
import { createLocalOnlyChecks } from './http/local-only.js';
import type { MockGateway, MockGatewayOptions } from './mock-gateway-options.js';
import { createRequestRouter } from './request-router.js';
import { describeRefusal, type ResolvedOptions, resolveOptions, shownInProcess } from './resolve-options.js';
import type { HttpResult } from './common/http-result.js';
import { createProblems, type Problems } from './common/problems.js';
import { loadSpecModel, type SpecModel, type SpecNode } from './common/spec-model.js';
import { createCommandFeed } from './workbench/command-feed.js';
import { createDeliveryControl } from './workbench/delivery-control.js';
import { createDeliveryJournal, type Delivery } from './workbench/delivery-journal.js';
import { createJournalWaits } from './workbench/journal-waits.js';
import { createRequestControl } from './workbench/request-control.js';
import { createRequestJournal, type RequestRecord } from './workbench/request-journal.js';
import { createResetControl } from './workbench/reset-control.js';
import { createEventStream, sessionStreamEvent } from './workbench/event-stream.js';
import { INSPECTOR_PATH, inspectorConfig, renderInspectorPage } from './workbench/inspector-page.js';
import { createControlPlane } from './workbench/control-plane.js';
import { createSessionControl } from './workbench/session-control.js';

export type { MockGateway, MockGatewayOptions } from './mock-gateway-options.js';
export { DEFAULT_JOURNAL_SIZE, generateWebhookSecret } from './resolve-options.js';

/** The workbench's stream and journal, and the outbox, whose deliveries the journal hears of. */
function createDelivery(options: ResolvedOptions, model: SpecModel) {
  const stream = createEventStream({ historySize: options.journalSize, maxSubscribers: options.maxStreamSubscribers });
  const deliveryWaits = createJournalWaits<Delivery>({ clock: options.clock });
  const journal = createDeliveryJournal({
    size: options.journalSize,
    publish: (delivery) => stream.publish('delivery', delivery),
    changed: deliveryWaits.seen,
  });
  const outbox = createWebhookOutbox({
    url: options.webhookUrl,
    secret: options.webhookSecret,
    retryScheduleS: model.limits.webhookRetryScheduleS,
    retryAfterStatuses: model.limits.webhookRetryAfterStatuses,
    retryScale: options.retryScale,
    attemptTimeoutMs: options.deliveryTimeoutMs ?? model.limits.webhookResponseTimeoutMs,
    log: options.log,
    clock: options.clock,
    maxBacklog: options.maxWebhookBacklog,
    maxBacklogPerSession: options.maxWebhookBacklogPerSession,
    observer: journal,
    duplicateRate: options.webhookDuplicates,
    random: options.random,
  });
  return { stream, journal, deliveryWaits, outbox };
}

/** The request journal and its waits: every request to the API, recorded as it is answered. */
function createRequests(options: ResolvedOptions) {
  const requestWaits = createJournalWaits<RequestRecord>({ clock: options.clock });
  const requests = createRequestJournal({
    size: options.journalSize,
    recording: options.requestJournal,
    changed: requestWaits.seen,
  });
  return { requests, requestWaits };
}

/** The control plane's parts: sessions, both journals, the reset, and the page. */
function createWorkbench(
  options: ResolvedOptions,
  model: SpecModel,
  stores: {
    problems: Problems;
    table: CommandTable;
    sessions: SessionStore;
    idempotency: IdempotencyStore;
    timeline: CallTimeline;
  },
  { stream, journal, deliveryWaits, outbox }: ReturnType<typeof createDelivery>,
  { requests, requestWaits }: ReturnType<typeof createRequests>,
) {
  const { problems, table, sessions, idempotency, timeline } = stores;
  const { clock, credentials, log } = options;
  const reset = createResetControl({
    parts: {
      // Those not yet due (held on their calls' timelines) and those queued for delivery.
      pending_webhooks: () => timeline.clear() + outbox.cancelPending(),
      sessions: sessions.clear,
      idempotency_keys: idempotency.clear,
      requests: requests.clear,
      deliveries: journal.clear,
    },
    problems,
    done: (summary) => {
      stream.clearHistory();
      stream.publish('reset', summary);
    },
  });
  let page: HttpResult | undefined;
  return createControlPlane({
    problems,
    stream,
    page: () => (page ??= renderInspectorPage(inspectorConfig(model, credentials !== undefined))),
    sessions: createSessionControl({ model, sessions, problems, timeline, clock, log, sessionMode: options.sessions }),
    deliveries: createDeliveryControl({
      journal,
      waits: deliveryWaits,
      outbox,
      problems,
      maxBodyBytes: model.limits.maxBodyBytes,
    }),
    requests: createRequestControl({ journal: requests, waits: requestWaits, commands: [...table.keys()], problems }),
    reset,
    credentials,
  });
}

/** What a request meets: the commands, the control plane, and the router between them. */
async function createRequestHandling(
  options: ResolvedOptions,
  model: SpecModel,
  delivery: ReturnType<typeof createDelivery>,
  journaled: ReturnType<typeof createRequests>,
) {
  const { stream } = delivery;
  const { clock, credentials, log } = options;
  const problems = createProblems(model);
  const table = createCommandTable(model);
  const idempotency = createIdempotencyStore({ maxKeysPerSession: options.maxKeysPerSession });
  const sessions = createSessionStore({
    maxSessions: options.maxSessions,
    onEvict: idempotency.forgetSession,
    onChange: (session) => stream.publish('session', sessionStreamEvent(session)),
  });
  const engine = createRequestEngine(model.document, options.engine);
  // Prism as the chosen engine is needed at once; otherwise by the first `Prefer`.
  if (options.engine === 'prism') await engine.preload();
  const admission = createAdmission({ engine, problems, table, maxBodyBytes: model.limits.maxBodyBytes, credentials });
  const timeline = createCallTimeline({ outbox: delivery.outbox, clock });
  const sessionMode = options.sessions;
  const execution = createCommandExecution({
    model,
    sessions,
    idempotency,
    problems,
    timeline,
    log,
    clock,
    sessionMode,
  });
  const stores = { problems, table, sessions, idempotency, timeline };
  const control = createWorkbench(options, model, stores, delivery, journaled);
  const feed = createCommandFeed({
    table,
    publish: (event) => stream.publish('command', event),
    record: journaled.requests.record,
  });
  const { latency, dropResponses, random } = options;
  const local = createLocalOnlyChecks(createHostAllowlist(options), problems);
  const router = createRequestRouter({
    crossSite: local.crossSite,
    admission,
    execution,
    control,
    feed,
    clock,
    latency,
    dropResponses,
    random,
  });
  // The pages named by --cors-origin may call every part of it from a browser, the stream included.
  const requestHeaders = corsRequestHeaders(model.document as SpecNode, [SCENARIO_HEADER]);
  const cors = withCors(router.handle, { origins: options.corsOrigins, requestHeaders, problems });
  // The Host is checked before anything, preflights included; the cross-site check, in the
  // router, comes after the preflights, which CORS answers (and refuses) itself.
  // Not async itself: the server's own handler is, so a throw here is still a 500 problem.
  const handle = (req: Parameters<typeof cors>[0], url: URL): Promise<HttpResult> => {
    const refused = local.host(req, url.pathname);
    return refused === undefined ? cors(req, url) : Promise.resolve(refused);
  };
  return { handle, problems, engine, execution, timeline };
}

/** Starts the mock gateway; a bad option is a TypeError, before anything listens. */
export async function startMockGateway(given: MockGatewayOptions = {}): Promise<MockGateway> {
  const resolved = resolveOptions(given);
  if (!resolved.ok) throw new TypeError(describeRefusal(resolved.reason, (option) => option, shownInProcess));
  const options = resolved.value;
  const model = loadSpecModel(options.specPath);
  const delivery = createDelivery(options, model);
  const journaled = createRequests(options);
  const { handle, problems, engine, execution, timeline } = await createRequestHandling(
    options,
    model,
    delivery,
    journaled,
  );
  // Slow or stalled clients are cut off: the whole request (at most max_body_bytes) within
  // requestTimeoutMs, its headers within headersTimeoutMs.
  const { log, requestTimeoutMs, headersTimeoutMs } = options;
  const server = createHttpServer({ handle, problems, log, requestTimeoutMs, headersTimeoutMs });
  const url = await listen(server, options.port, options.host);

  const { stream, outbox } = delivery;
  const control = createMockControl({ baseUrl: url, ...options.credentials });
  let closing: Promise<void> | undefined;
  return {
    url,
    control,
    reset: () => control.reset(),
    waitForDelivery: (filter, waitOptions) => control.waitForDelivery(filter, waitOptions),
    requests: (filter) => control.requests(filter),
    inspectorUrl: `${url}${INSPECTOR_PATH}`,
    webhookSecret: options.webhookSecret,
    server,
    preload: () => engine.preload(),
    stats: () => ({ commandsAccepted: execution.accepted, webhooks: { ...outbox.stats } }),
    close() {
      closing ??= (async () => {
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        stream.close(); // its responses never end by themselves
        // Reads waiting for an entry answer now, with what they have.
        delivery.deliveryWaits.releaseAll();
        journaled.requestWaits.releaseAll();
        server.closeIdleConnections();
        timeline.flush(); // webhooks not yet due are delivered within the grace, or logged undelivered
        await outbox.drain(options.shutdownGraceMs);
        server.closeAllConnections();
        await closed;
      })();
      return closing;
    },
  };
}
