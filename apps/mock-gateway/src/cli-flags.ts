// The command line's flags: each sets the option of its name in kebab case (`--max-webhook-backlog`
// → `maxWebhookBacklog`), with how its text is read and what `--help` says of it. The rules and
// defaults are resolve-options.ts's; the text is read here into the option's type (text that is
// not of its form reads as NaN, which the option's rule refuses).
import type { MockGatewayOptions } from './mock-gateway-options.js';
import type { OptionName } from './resolve-options.js';

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : Number.NaN);
const decimal = (text: string) =>
  /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : Number.NaN;
const range = (text: string) => {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  return match === null
    ? { minMs: Number.NaN, maxMs: Number.NaN }
    : { minMs: Number(match[1]), maxMs: Number(match[2] ?? match[1]) };
};
const asText = <Value>(text: string) => text as Value;
/** Each `--cors-origin`, comma-separated too (the flag's texts arrive joined by commas); `--allowed-hosts` likewise. */
const list = (text: string) => text.split(',').map((item) => item.trim());

interface ValueFlag<Name extends OptionName> {
  read: (text: string) => MockGatewayOptions[Name];
  /** What `--help` shows as its value. */
  value: string;
  help: string;
  /** Given once per value, so named in the singular (`--cors-origin` sets `corsOrigins`). */
  repeatable?: true;
}

/** Every flag that takes a value, in the order `--help` lists them. */
export const VALUE_FLAGS: { [Name in OptionName]?: ValueFlag<Name> } = {
  port: { read: whole, value: 'N', help: 'port to listen on (default 4010; 0 picks a free one)' },
  host: { read: asText, value: 'HOST', help: 'interface to listen on (default 127.0.0.1)' },
  allowedHosts: {
    read: list,
    value: 'NAME[,NAME…]',
    help: 'host names served besides localhost, *.localhost, IP addresses and --host (.example.test: it and every name under it); any other Host, or a page of another site (not a --cors-origin), is refused 403',
  },
  webhookUrl: {
    read: asText,
    value: 'URL',
    help: 'where webhooks are POSTed (env MOCK_WEBHOOK_URL); without it the mock is an inbox: journaled, not sent',
  },
  webhookSecret: {
    read: asText,
    value: 'whsec_…',
    help: 'the secret webhooks are signed with (env MOCK_WEBHOOK_SECRET; default generated and printed)',
  },
  appId: {
    read: asText,
    value: 'ID',
    help: 'with --api-key: accept only this pair (env MOCK_APP_ID; default any pair)',
  },
  apiKey: { read: asText, value: 'KEY', help: 'with --app-id: accept only this pair (env MOCK_API_KEY)' },
  retryScale: {
    read: decimal,
    value: 'X',
    help: "multiplies the spec's webhook retry schedule, in (0, 1] (default 0.001: seconds become ms; 1 is real)",
  },
  logFormat: { read: asText, value: 'pretty|json', help: 'log lines as text or as JSON objects (default pretty)' },
  maxSessions: {
    read: whole,
    value: 'N',
    help: 'sessions remembered; the one that ended longest ago goes first (default 25000)',
  },
  maxKeysPerSession: {
    read: whole,
    value: 'N',
    help: 'command_uid keys a session keeps; its oldest completed one goes first (default 1000)',
  },
  maxWebhookBacklog: {
    read: whole,
    value: 'N',
    help: 'webhooks waiting for delivery, over all sessions (default 10000)',
  },
  maxWebhookBacklogPerSession: {
    read: whole,
    value: 'N',
    help: 'webhooks waiting for delivery per session (default 100)',
  },
  journalSize: {
    read: whole,
    value: 'N',
    help: 'deliveries the journal keeps, and events the stream replays (1–100000; default 1000)',
  },
  maxStreamSubscribers: {
    read: whole,
    value: 'N',
    help: 'how many may follow the event stream, /__mock/events, at once (1–10000; default 32; one more is refused 503)',
  },
  requestJournal: {
    read: (text) => (text === 'on' ? true : text === 'off' ? false : (text as unknown as boolean)),
    value: 'on|off',
    help: 'keep the request journal, GET /__mock/requests (default on)',
  },
  sessions: {
    read: asText,
    value: 'implicit|explicit',
    help: 'implicit: any session UUID is a ringing call (default); explicit: only those made with POST /__mock/sessions, others 404',
  },
  latency: {
    read: range,
    value: 'MIN[-MAX]',
    help: "chaos: each command's response waits that many ms (up to 60000) after the command ran",
  },
  webhookDuplicates: {
    read: decimal,
    value: 'RATE',
    help: 'chaos: the chance (0–1) that a delivered webhook is delivered once more, same webhook-id',
  },
  corsOrigins: {
    read: list,
    value: 'ORIGIN[,ORIGIN…]',
    help: 'repeatable: pages on exactly these origins (such as http://127.0.0.1:4011) may call the mock from a browser',
    repeatable: true,
  },
  dropResponses: {
    read: decimal,
    value: 'RATE',
    help: 'chaos: the chance (0–1) that a command runs and its answer is lost (the connection closes); a retry with the same command_uid gets the replay',
  },
};

/** Flags that take no value. */
export const SWITCHES = {
  quiet: 'no per-request or per-delivery lines (warnings still print)',
  help: 'this list, then exit',
} as const;

export const flagOf = (option: string) =>
  VALUE_FLAGS[option as OptionName]?.repeatable
    ? `--${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`).replace(/s$/, '')}`
    : `--${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;

/** `--help`: every flag, its value and what it does. */
export function helpText(): string {
  const rows: [string, string][] = [
    ...Object.entries(VALUE_FLAGS).map(([option, flag]): [string, string] => [
      `${flagOf(option)} ${flag!.value}`,
      flag!.help,
    ]),
    ...Object.entries(SWITCHES).map(([option, help]): [string, string] => [flagOf(option), help]),
  ];
  const width = Math.max(...rows.map(([left]) => left.length));
  return [
    'usage: call-control-mock [flags]   the Call Control API mock gateway, with its control plane under /__mock/',
    '',
    ...rows.map(([left, help]) => `  ${left.padEnd(width)}  ${help}`),
  ].join('\n');
}

/** Edit distance (insert, delete, replace one character), for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++)
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    previous = current;
  }
  return previous[b.length]!;
}

/** The known flag nearest to one typed, when it is near enough to be a slip (a third of its length). */
export function nearestFlag(typed: string): string | undefined {
  const flags = [...Object.keys(VALUE_FLAGS), ...Object.keys(SWITCHES)].map(flagOf);
  const name = typed.split('=')[0]!;
  const [best] = flags
    .map((flag) => ({ flag, cost: distance(name, flag) }))
    .sort((a, b) => a.cost - b.cost || a.flag.localeCompare(b.flag));
  return best !== undefined && best.cost <= Math.max(2, Math.floor(best.flag.length / 3)) ? best.flag : undefined;
}
