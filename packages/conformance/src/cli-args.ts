// The command line, read with node:util's parseArgs and checked before anything is sent: each
// mistake is one line (`UsageError`), which the CLI prints and exits 2 for.
import { parseArgs } from 'node:util';
import { signWebhook } from '@call-control/webhooks';

export const USAGE = `usage: call-control-conformance receiver <url> --secret whsec_… [--json] [--junit FILE]
       call-control-conformance gateway --base-url URL --app-id ID --api-key KEY --webhook-secret whsec_…
                                --listen HOST:PORT [--session UUID]… [--schedule-scale N] [--json] [--junit FILE]`;

export class UsageError extends Error {}

interface Output {
  json: boolean;
  junit: string | undefined;
}

export type CliCommand =
  | ({ side: 'help' } & Output)
  | ({ side: 'receiver'; url: string; secret: string } & Output)
  | ({
      side: 'gateway';
      baseUrl: string;
      appId: string;
      apiKey: string;
      webhookSecret: string;
      listen: { host: string; port: number };
      sessions: string[];
      scheduleScale: number;
    } & Output);

const OPTIONS = {
  secret: { type: 'string' },
  'base-url': { type: 'string' },
  'app-id': { type: 'string' },
  'api-key': { type: 'string' },
  'webhook-secret': { type: 'string' },
  listen: { type: 'string' },
  session: { type: 'string', multiple: true },
  'schedule-scale': { type: 'string' },
  json: { type: 'boolean', default: false },
  junit: { type: 'string' },
  help: { type: 'boolean', default: false },
} as const;

const SIDE_OPTIONS = {
  receiver: ['secret'],
  gateway: ['base-url', 'app-id', 'api-key', 'webhook-secret', 'listen', 'session', 'schedule-scale'],
} as const;

function httpUrl(value: string, flag: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {}
  if (url === undefined || !['http:', 'https:'].includes(url.protocol) || url.hostname === '')
    throw new UsageError(`${flag} must be an http(s) URL, not "${value}"`);
  return value;
}

function webhookSecret(value: string | undefined, flag: string): string {
  if (value === undefined) throw new UsageError(`${flag} is required (the whsec_… secret)`);
  // The shared signer's own rule: a secret it would refuse is refused here.
  try {
    signWebhook({ id: 'check', body: '', secret: value });
  } catch {
    throw new UsageError(`${flag} must be whsec_ followed by padded base64 (as the gateway shows it)`);
  }
  return value;
}

function required(value: string | undefined, flag: string): string {
  if (value === undefined || value === '') throw new UsageError(`${flag} is required`);
  return value;
}

export function parseListen(value: string): { host: string; port: number } {
  const match = value.match(/^(?:\[([^\]]+)\]|([^:[\]]+)):(\d{1,5})$/);
  const port = Number(match?.[3]);
  if (match === null || port > 65_535)
    throw new UsageError(`--listen must be HOST:PORT (127.0.0.1:4020, [::1]:4020), not "${value}"`);
  return { host: (match[1] ?? match[2])!, port };
}

function scale(value: string | undefined): number {
  if (value === undefined) return 1;
  const number = Number(value);
  if (!/^\d*\.?\d+(?:e-?\d+)?$/i.test(value) || !(number > 0) || !Number.isFinite(number))
    throw new UsageError(
      `--schedule-scale must be a number above 0 (0.001 for a mock with --retry-scale 0.001), not "${value}"`,
    );
  return number;
}

/** The command line as a command, or a UsageError saying what is wrong with it. `sessionUuid` is the contract's rule. */
function readArgs(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's first sentence says what is wrong; the rest is advice for another kind of CLI.
    throw new UsageError((error as Error).message.split(/\.\s|\n/)[0]!);
  }
}

export function parseCommandLine(args: string[], sessionUuid: RegExp): CliCommand {
  const { values, positionals } = readArgs(args);
  const output = { json: values.json, junit: values.junit };
  if (values.help) return { side: 'help', ...output };
  const [side, ...rest] = positionals;
  if (side !== 'receiver' && side !== 'gateway')
    throw new UsageError(
      side === undefined
        ? 'say which side to check: receiver or gateway'
        : `unknown side "${side}": receiver or gateway`,
    );
  const stray = Object.keys(values).find(
    (flag) => !['json', 'junit', 'help'].includes(flag) && !(SIDE_OPTIONS[side] as readonly string[]).includes(flag),
  );
  if (stray !== undefined) throw new UsageError(`--${stray} is not an option of ${side}`);
  if (values.junit === '') throw new UsageError('--junit needs a file name');
  if (side === 'receiver') {
    if (rest.length !== 1)
      throw new UsageError('receiver takes one URL: call-control-conformance receiver <url> --secret whsec_…');
    return {
      side,
      url: httpUrl(rest[0]!, 'the receiver URL'),
      secret: webhookSecret(values.secret, '--secret'),
      ...output,
    };
  }
  if (rest.length > 0) throw new UsageError(`gateway takes no positional argument ("${rest[0]}"): use --base-url`);
  const sessions = (values.session ?? []).map((uuid) => {
    if (!sessionUuid.test(uuid))
      throw new UsageError(`--session must be a session UUID (8-4-4-4-12 hex digits), not "${uuid}"`);
    return uuid.toLowerCase();
  });
  return {
    side,
    baseUrl: httpUrl(required(values['base-url'], '--base-url'), '--base-url'),
    appId: required(values['app-id'], '--app-id'),
    apiKey: required(values['api-key'], '--api-key'),
    webhookSecret: webhookSecret(values['webhook-secret'], '--webhook-secret'),
    listen: parseListen(required(values.listen, '--listen')),
    sessions,
    scheduleScale: scale(values['schedule-scale']),
    ...output,
  };
}
