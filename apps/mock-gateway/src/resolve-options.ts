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
import { checkWebhookSecret } from './delivery/webhook-signer.js';
import type { EngineChoice } from './engine/request-engine.js';
import type { MockGatewayOptions } from './mock-gateway-options.js';
import { type Clock, systemClock } from './shared/clock.js';
import { createLog, type Log } from './shared/log.js';
import { accept, type Outcome, refuse } from './shared/outcome.js';
import { MAX_LATENCY_MS, type LatencyRange } from './workbench/chaos.js';

/** The options with every default applied, as the parts are built from them. */
export interface ResolvedOptions {
  port: number;
  host: string;
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
  requestJournal: boolean;
  latency: LatencyRange | undefined;
  webhookDuplicates: number;
  sessions: SessionMode;
  dropResponses: number;
  random: () => number;
  /** Each as a browser sends it in `Origin` (no path, no trailing slash). */
  corsOrigins: string[];
}

export type OptionName = keyof MockGatewayOptions;

/** An option refused: which one, its value, and the rule it breaks (`{name}` and `{value}` said by the caller). */
export interface OptionRefusal {
  option: OptionName;
  value: unknown;
  rule: string;
}

/** The journal's default size (`--journal-size`). */
export const DEFAULT_JOURNAL_SIZE = 1_000;
const MAX_JOURNAL_SIZE = 100_000;
const MAX_BOUND = 999_999_999;

export function generateWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

const isWhole = (value: unknown, min: number, max: number) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max;
const isMs = (value: unknown, min: number) => typeof value === 'number' && value >= min && value < Infinity;

function isHttpUrl(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
}

/** An origin a browser would send: http(s), a host, a port if any, and nothing else (never `*`). */
const isOrigin = (value: unknown) => {
  if (typeof value !== 'string' || !URL.canParse(value)) return false;
  const url = new URL(value);
  return ['http:', 'https:'].includes(url.protocol) && url.origin === value;
};

const isLatency = (range: unknown) => {
  const { minMs, maxMs } = (range ?? {}) as Partial<LatencyRange>;
  return isWhole(minMs, 0, MAX_LATENCY_MS) && isWhole(maxMs, minMs!, MAX_LATENCY_MS);
};

/** Each option's rule: when it holds for a value given, and what it says when it does not. */
const RULES: {
  [Name in OptionName]?: { holds: (value: NonNullable<MockGatewayOptions[Name]>) => boolean; rule: string };
} = {
  port: { holds: (port) => isWhole(port, 0, 65_535), rule: '{port} must be a port number (0–65535), not {value}' },
  host: {
    holds: (host) => typeof host === 'string' && host !== '',
    rule: '{host} must name an interface, not {value}',
  },
  webhookUrl: { holds: isHttpUrl, rule: '{webhookUrl} must be an http(s) URL, not {value}' },
  webhookSecret: {
    holds: (secret) => checkWebhookSecret(secret).ok,
    rule: '{webhookSecret} must be whsec_ followed by padded base64 (as the gateway shows it)',
  },
  appId: { holds: (appId) => appId !== '', rule: '{appId} and {apiKey} must not be empty' },
  apiKey: { holds: (apiKey) => apiKey !== '', rule: '{appId} and {apiKey} must not be empty' },
  retryScale: {
    holds: (scale) => typeof scale === 'number' && scale > 0 && scale <= 1,
    rule: '{retryScale} must be a number in (0, 1], not {value}',
  },
  deliveryTimeoutMs: {
    holds: (ms) => isMs(ms, 1),
    rule: '{deliveryTimeoutMs} must be milliseconds, at least 1, not {value}',
  },
  requestTimeoutMs: {
    holds: (ms) => isMs(ms, 1),
    rule: '{requestTimeoutMs} must be milliseconds, at least 1, not {value}',
  },
  headersTimeoutMs: {
    holds: (ms) => isMs(ms, 1),
    rule: '{headersTimeoutMs} must be milliseconds, at least 1, not {value}',
  },
  shutdownGraceMs: {
    holds: (ms) => isMs(ms, 0),
    rule: '{shutdownGraceMs} must be milliseconds, 0 or more, not {value}',
  },
  maxSessions: {
    holds: (max) => isWhole(max, 1, MAX_BOUND),
    rule: `{maxSessions} must be a whole number from 1 to ${MAX_BOUND}, not {value}`,
  },
  maxKeysPerSession: {
    holds: (max) => isWhole(max, 1, MAX_BOUND),
    rule: `{maxKeysPerSession} must be a whole number from 1 to ${MAX_BOUND}, not {value}`,
  },
  maxWebhookBacklog: {
    holds: (max) => isWhole(max, 1, MAX_BOUND),
    rule: `{maxWebhookBacklog} must be a whole number from 1 to ${MAX_BOUND}, not {value}`,
  },
  maxWebhookBacklogPerSession: {
    holds: (max) => isWhole(max, 1, MAX_BOUND),
    rule: `{maxWebhookBacklogPerSession} must be a whole number from 1 to ${MAX_BOUND}, not {value}`,
  },
  logFormat: {
    holds: (format) => format === 'pretty' || format === 'json',
    rule: '{logFormat} must be pretty or json, not {value}',
  },
  engine: {
    holds: (engine) => engine === 'compiled' || engine === 'prism',
    rule: '{engine} must be compiled or prism, not {value}',
  },
  journalSize: {
    holds: (size) => isWhole(size, 1, MAX_JOURNAL_SIZE),
    rule: `{journalSize} must be a whole number from 1 to ${MAX_JOURNAL_SIZE}, not {value}`,
  },
  requestJournal: {
    holds: (on) => typeof on === 'boolean',
    rule: '{requestJournal} must be on or off (true or false in-process), not {value}',
  },
  latency: {
    holds: isLatency,
    rule: `{latency} must be MIN or MIN-MAX whole milliseconds, 0 ≤ MIN ≤ MAX ≤ ${MAX_LATENCY_MS}, not {value}`,
  },
  webhookDuplicates: {
    holds: (rate) => typeof rate === 'number' && rate >= 0 && rate <= 1,
    rule: '{webhookDuplicates} must be a number from 0 to 1, not {value}',
  },
  sessions: {
    holds: (mode) => mode === 'implicit' || mode === 'explicit',
    rule: '{sessions} must be implicit or explicit, not {value}',
  },
  dropResponses: {
    holds: (rate) => typeof rate === 'number' && rate >= 0 && rate <= 1,
    rule: '{dropResponses} must be a number from 0 to 1, not {value}',
  },
  corsOrigins: {
    holds: (origins) => Array.isArray(origins) && origins.every(isOrigin),
    rule: '{corsOrigins} takes origins only, such as http://127.0.0.1:4011 (scheme, host and port; never *), not {value}',
  },
};

/** The first option given that breaks its rule, if any. */
function firstRefusal(options: MockGatewayOptions): OptionRefusal | undefined {
  for (const [option, check] of Object.entries(RULES) as [
    OptionName,
    { holds(value: unknown): boolean; rule: string },
  ][]) {
    const value = options[option];
    if (value !== undefined && !check.holds(value)) return { option, value, rule: check.rule };
  }
  if ((options.appId === undefined) !== (options.apiKey === undefined))
    return {
      option: options.appId === undefined ? 'apiKey' : 'appId',
      value: undefined,
      rule: '{appId} and {apiKey} go together',
    };
  return undefined;
}

/** The options checked, every default applied; refused with the first option that breaks its rule. */
export function resolveOptions(options: MockGatewayOptions = {}): Outcome<ResolvedOptions, OptionRefusal> {
  const refusal = firstRefusal(options);
  if (refusal !== undefined) return refuse(refusal);
  const { appId, apiKey, webhookUrl, requestTimeoutMs = 10_000 } = options;
  return accept({
    port: options.port ?? 4010,
    host: options.host ?? '127.0.0.1',
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
