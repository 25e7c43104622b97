import { checkWebhookSecret } from './delivery/webhook-signer.js';
import { ALLOWED_HOST_ENTRY } from './http/host-allowlist.js';
import type { MockGatewayOptions } from './mock-gateway-options.js';
import { MAX_LATENCY_MS, type LatencyRange } from './workbench/chaos.js';

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

const isAllowedHostEntry = (name: unknown) => typeof name === 'string' && ALLOWED_HOST_ENTRY.test(name);

/** Each option's rule: when it holds for a value given, and what it says when it does not. */
const RULES: {
  [Name in OptionName]?: { holds: (value: NonNullable<MockGatewayOptions[Name]>) => boolean; rule: string };
} = {
  port: { holds: (port) => isWhole(port, 0, 65_535), rule: '{port} must be a port number (0–65535), not {value}' },
  host: {
    holds: (host) => typeof host === 'string' && host !== '',
    rule: '{host} must name an interface, not {value}',
  },
  allowedHosts: {
    holds: (names) => Array.isArray(names) && names.length > 0 && names.every(isAllowedHostEntry),
    rule: '{allowedHosts} must be host names separated by commas (example.test, or .example.test for it and its subdomains), not {value}',
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
  maxStreamSubscribers: {
    holds: (max) => isWhole(max, 1, 10_000),
    rule: '{maxStreamSubscribers} must be a whole number from 1 to 10000, not {value}',
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
export function firstRefusal(options: MockGatewayOptions): OptionRefusal | undefined {
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
