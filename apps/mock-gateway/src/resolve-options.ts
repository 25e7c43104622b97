// Every option of the mock gateway checked and given its default, in this one place. The CLI
// turns its flags into these options (each flag is its option's name in kebab case:
// `--max-webhook-backlog` is `maxWebhookBacklog`) and startMockGateway takes them in-process;
// both refuse the same values with the same rule. A rule names options as `{name}` and the
// value refused as `{value}`, so each caller says them its own way (`--journal-size` and the
// text typed, or `journalSize` and the value given); a secret's value is never repeated.
import { randomBytes } from 'node:crypto';
import { DEFAULT_MAX_KEYS_PER_SESSION } from './commands/idempotency.js';
import { DEFAULT_MAX_SESSIONS, type SessionMode } from './commands/sessions.js';
import { DEFAULT_MAX_BACKLOG, DEFAULT_MAX_BACKLOG_PER_SESSION } from './delivery/webhook-dispatcher.js';
import type { EngineChoice } from './engine/request-engine.js';
import type { MockGatewayOptions } from './mock-gateway-options.js';
import { type Clock, systemClock } from './common/clock.js';
import { createLog, type Log } from './common/log.js';
import { accept, type Outcome, refuse } from './common/outcome.js';
import { DEFAULT_JOURNAL_SIZE, firstRefusal, type OptionName, type OptionRefusal } from './option-rules.js';
import type { LatencyRange } from './workbench/chaos.js';
import { DEFAULT_MAX_SUBSCRIBERS } from './workbench/event-stream.js';

export { DEFAULT_JOURNAL_SIZE, type OptionName, type OptionRefusal };

/** The options with every default applied, as the parts are built from them. */
export interface ResolvedOptions {
  port: number;
  host: string;
  /** Names served besides localhost, *.localhost, IP literals and `host` (`.name`: it and its subdomains). */
  allowedHosts: string[];
  webhookUrl: URL | undefined;
  webhookSecret: string;
  /** Set when both appId and apiKey were: only this pair is accepted. */
  credentials: { appId: string; apiKey: string } | undefined;
  retryScale: number;
  /** Undefined: the spec's `webhook_response_timeout_ms`. */
  deliveryTimeoutMs: number | undefined;
  requestTimeoutMs: number;
  headersTimeoutMs: number;
  shutdownGraceMs: number;
  maxSessions: number;
  maxKeysPerSession: number;
  maxWebhookBacklog: number;
  maxWebhookBacklogPerSession: number;
  log: Log;
  specPath: string | undefined;
  clock: Clock;
  engine: EngineChoice;
  journalSize: number;
  maxStreamSubscribers: number;
  requestJournal: boolean;
  latency: LatencyRange | undefined;
  webhookDuplicates: number;
  sessions: SessionMode;
  dropResponses: number;
  random: () => number;
  /** Each as a browser sends it in `Origin` (no path, no trailing slash). */
  corsOrigins: string[];
}

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The options checked, every default applied; refused with the first option that breaks its rule. */
export function resolveOptions(options: MockGatewayOptions = {}): Outcome<ResolvedOptions, OptionRefusal> {
  const refusal = firstRefusal(options);
  if (refusal !== undefined) return refuse(refusal);
  const { appId, apiKey, webhookUrl, requestTimeoutMs = 10_000 } = options;
  return accept({
    port: options.port ?? 4010,
    host: options.host ?? '127.0.0.1',
    allowedHosts: options.allowedHosts ?? [],
    webhookUrl: webhookUrl === undefined ? undefined : new URL(webhookUrl),
    webhookSecret: options.webhookSecret ?? generateWebhookSecret(),
    credentials: appId !== undefined && apiKey !== undefined ? { appId, apiKey } : undefined,
    retryScale: options.retryScale ?? 0.001,
    deliveryTimeoutMs: options.deliveryTimeoutMs,
    requestTimeoutMs,
    headersTimeoutMs: options.headersTimeoutMs ?? requestTimeoutMs,
    shutdownGraceMs: options.shutdownGraceMs ?? 5_000,
    maxSessions: options.maxSessions ?? DEFAULT_MAX_SESSIONS,
    maxKeysPerSession: options.maxKeysPerSession ?? DEFAULT_MAX_KEYS_PER_SESSION,
    maxWebhookBacklog: options.maxWebhookBacklog ?? DEFAULT_MAX_BACKLOG,
    maxWebhookBacklogPerSession: options.maxWebhookBacklogPerSession ?? DEFAULT_MAX_BACKLOG_PER_SESSION,
    log: options.log ?? createLog({ format: options.logFormat ?? 'pretty', quiet: options.quiet ?? false }),
    specPath: options.specPath,
    clock: options.clock ?? systemClock,
    engine: options.engine ?? 'compiled',
    journalSize: options.journalSize ?? DEFAULT_JOURNAL_SIZE,
    maxStreamSubscribers: options.maxStreamSubscribers ?? DEFAULT_MAX_SUBSCRIBERS,
    requestJournal: options.requestJournal ?? true,
    latency: options.latency,
    webhookDuplicates: options.webhookDuplicates ?? 0,
    sessions: options.sessions ?? 'implicit',
    dropResponses: options.dropResponses ?? 0,
    random: options.random ?? Math.random,
    corsOrigins: [...new Set(options.corsOrigins ?? [])],
  });
}

/** A refusal in words: each `{name}` said by `name`, and `{value}` by `value` (a secret's never is). */
export function describeRefusal(
  { option, value, rule }: OptionRefusal,
  name: (option: OptionName) => string,
  shown: (option: OptionName, value: unknown) => string,
): string {
  return rule.replace(/\{(\w+)\}/g, (_, field: string) =>
    field === 'value' ? shown(option, value) : name(field as OptionName),
  );
}

/** How startMockGateway shows a value it refuses: as JavaScript would write it. */
export const shownInProcess = (_option: OptionName, value: unknown): string =>
  typeof value === 'number' || value === undefined ? String(value) : JSON.stringify(value);
