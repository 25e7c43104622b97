// What a caller can set when starting the mock gateway, and what it gets back. Each CLI flag
// sets the option of its name (`--max-webhook-backlog` sets `maxWebhookBacklog`); every rule
// and default is in resolve-options.ts.
import type { Server } from 'node:http';
import type {
  Delivery,
  DeliveryFilter,
  JournaledRequest,
  MockControl,
  RequestFilter,
  ResetSummary,
  WaitOptions,
} from './control/mock-control.js';
import type { LatencyRange } from './workbench/chaos.js';
import type { Clock } from './common/clock.js';
import type { Log, LogFormat } from './common/log.js';
import type { EngineChoice } from './engine/request-engine.js';
import type { DispatcherStats } from './delivery/delivery-reports.js';
import type { SessionMode } from './commands/sessions.js';

export interface MockGatewayOptions {
  port?: number;
  host?: string;
  /**
   * Host names served besides localhost, *.localhost, IP addresses and `host` (`.example.test`:
   * it and its subdomains); a request naming any other host is refused 403, against DNS rebinding.
   */
  allowedHosts?: string[];
  /** Where webhooks are POSTed; without it they are planned and journaled but not sent. */
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
  /** How many sessions are remembered (the oldest ended ones are forgotten first); default 25,000. */
  maxSessions?: number;
  /** How many command_uid keys a session keeps (the oldest completed one is forgotten first); default 1,000. */
  maxKeysPerSession?: number;
  /** How many webhooks may wait for delivery, over all sessions; default 10,000. */
  maxWebhookBacklog?: number;
  /** How many webhooks may wait for delivery per session; default 100. */
  maxWebhookBacklogPerSession?: number;
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
  /** How many deliveries the journal keeps, and how many past items the stream replays; default 1,000 (at most 100,000). */
  journalSize?: number;
  /** How many may follow the event stream at once (each open inspector is one); default 32. */
  maxStreamSubscribers?: number;
  /**
   * Whether every request to the API is recorded in the request journal (`GET /__mock/requests`);
   * default true. Off, the journal stays empty (for load tests that want every cycle).
   */
  requestJournal?: boolean;
  /** Chaos: how long each command's response is held after the command ran (drawn from the range). */
  latency?: LatencyRange;
  /** Chaos: the chance (0–1) that a delivered webhook is delivered once more, with the same webhook-id. */
  webhookDuplicates?: number;
  /**
   * `implicit` (default): any session UUID the API is sent is a ringing call. `explicit`: only
   * sessions created with `POST /__mock/sessions` exist; the API answers any other `404`, as
   * the real gateway does for a call it never had.
   */
  sessions?: SessionMode;
  /** Chaos: the chance (0–1) that a command runs (its webhooks go out) and its answer is lost: the connection closes without one. */
  dropResponses?: number;
  /** The dice behind the chaos; default Math.random. */
  random?: () => number;
  /**
   * Pages allowed to call the API, the control plane and the event stream from a browser
   * (`http://127.0.0.1:4011`): each answers them with its origin echoed, never `*`. None by default.
   */
  corsOrigins?: string[];
}

export interface MockGateway {
  url: string;
  /** The inspector page: `${url}/__mock/`. */
  inspectorUrl: string;
  webhookSecret: string;
  server: Server;
  /**
   * Loads Prism's engine now. It serves only `Prefer`, and loading it stalls the process (ADR 0010
   * says how long), so it is loaded by the first request that says `Prefer`, or by this.
   */
  preload(): Promise<void>;
  /** What it has done so far: commands accepted, and webhooks delivered, given up, queued (all 0 without a webhook URL). */
  stats(): MockGatewayStats;
  /** Stops accepting, finishes in-flight deliveries (bounded by shutdownGraceMs), closes. */
  close(): Promise<void>;
  /** The typed control client of this mock (`@call-control/mock-gateway/control`), its credentials applied. */
  control: MockControl;
  /** `POST /__mock/reset`: forgets sessions, keys, both journals and the webhook backlog; what it dropped. */
  reset(): Promise<ResetSummary>;
  /** The oldest delivery the filter selects, once there is one; rejects after `timeoutMs` (default 5 s). */
  waitForDelivery(filter: DeliveryFilter, options?: WaitOptions): Promise<Delivery>;
  /** Every request to the API in the journal that the filter selects, oldest first. */
  requests(filter?: RequestFilter): Promise<JournaledRequest[]>;
}

export interface MockGatewayStats {
  /** Commands run (not replayed, not refused): each has its webhooks planned. */
  commandsAccepted: number;
  webhooks: DispatcherStats;
}
