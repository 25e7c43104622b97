#!/usr/bin/env node
// `pnpm mock`: the mock gateway from the command line.
import { parseArgs } from 'node:util';
import { signWebhook } from '@call-control/webhooks';
import { describeLatency, parseLatency, parseRate } from './workbench/chaos.js';

const USAGE = `usage: call-control-mock [--port 4010] [--host 127.0.0.1] [--webhook-url URL] [--webhook-secret whsec_…]
                         [--app-id ID --api-key KEY] [--retry-scale 0.001] [--log-format pretty|json] [--quiet]
                         [--max-sessions 25000] [--max-keys-per-session 1000]
                         [--max-webhook-backlog 10000] [--max-webhook-backlog-per-session 100]
                         [--journal-size 1000] [--latency MIN[-MAX]] [--webhook-duplicates RATE]`;

/** The memory bounds: flag → the startMockGateway option it sets. */
const LIMIT_FLAGS = {
  'max-sessions': 'maxSessions',
  'max-keys-per-session': 'maxKeysPerSession',
  'max-webhook-backlog': 'maxQueuedWebhooks',
  'max-webhook-backlog-per-session': 'maxQueuedWebhooksPerSession',
} as const;

function fail(message: string): never {
  console.error(`call-control-mock: ${message}`);
  process.exit(2);
}

let values;
try {
  ({ values } = parseArgs({
    // `pnpm x -- --flag` passes the `--` along: it separates nothing here.
    args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
    options: {
      port: { type: 'string', default: '4010' },
      host: { type: 'string', default: '127.0.0.1' },
      'webhook-url': { type: 'string', default: process.env.MOCK_WEBHOOK_URL },
      'webhook-secret': { type: 'string', default: process.env.MOCK_WEBHOOK_SECRET },
      // From the environment too, so a key need not be readable in the process list.
      'app-id': { type: 'string', default: process.env.MOCK_APP_ID },
      'api-key': { type: 'string', default: process.env.MOCK_API_KEY },
      'retry-scale': { type: 'string', default: '0.001' },
      'log-format': { type: 'string', default: 'pretty' },
      quiet: { type: 'boolean', default: false },
      'max-sessions': { type: 'string' },
      'max-keys-per-session': { type: 'string' },
      'max-webhook-backlog': { type: 'string' },
      'max-webhook-backlog-per-session': { type: 'string' },
      'journal-size': { type: 'string', default: '1000' },
      latency: { type: 'string' },
      'webhook-duplicates': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  }));
} catch (error) {
  fail(`${(error as Error).message}\n${USAGE}`.split('\n')[0]!);
}
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}

const port = Number(values.port);
if (!/^\d+$/.test(values.port!) || port > 65_535) fail(`--port must be a port number (0–65535), not "${values.port}"`);
const webhookUrl = values['webhook-url'];
if (webhookUrl !== undefined) {
  let parsed: URL | undefined;
  try {
    parsed = new URL(webhookUrl);
  } catch {}
  if (parsed === undefined || !['http:', 'https:'].includes(parsed.protocol))
    fail(`--webhook-url must be an http(s) URL, not "${webhookUrl}"`);
}
const secret = values['webhook-secret'];
if (secret !== undefined) {
  // The signer's own rule, so a secret it would refuse at the first delivery is refused now.
  try {
    signWebhook({ id: 'check', body: '', secret });
  } catch {
    fail('--webhook-secret must be whsec_ followed by padded base64 (as the gateway shows it)');
  }
}
if ((values['app-id'] === undefined) !== (values['api-key'] === undefined))
  fail('--app-id and --api-key go together (or MOCK_APP_ID and MOCK_API_KEY)');
if (values['app-id'] === '' || values['api-key'] === '') fail('--app-id and --api-key must not be empty');
const retryScale = Number(values['retry-scale']);
if (!(retryScale > 0) || retryScale > 1)
  fail(`--retry-scale must be a number in (0, 1], not "${values['retry-scale']}"`);
const logFormat = values['log-format'];
if (logFormat !== 'pretty' && logFormat !== 'json') fail(`--log-format must be pretty or json, not "${logFormat}"`);
const journalSize = Number(values['journal-size']);
if (!/^\d+$/.test(values['journal-size']!) || journalSize < 1 || journalSize > 100_000)
  fail(`--journal-size must be a whole number from 1 to 100000, not "${values['journal-size']}"`);
const latency = values.latency === undefined ? undefined : parseLatency(values.latency);
if (latency !== undefined && 'error' in latency) fail(`--latency ${latency.error}`);
const duplicates = values['webhook-duplicates'] === undefined ? undefined : parseRate(values['webhook-duplicates']);
if (typeof duplicates === 'object') fail(`--webhook-duplicates ${duplicates.error}`);

const limits: Partial<Record<(typeof LIMIT_FLAGS)[keyof typeof LIMIT_FLAGS], number>> = {};
for (const [flag, option] of Object.entries(LIMIT_FLAGS)) {
  const value = values[flag as keyof typeof LIMIT_FLAGS];
  if (value === undefined) continue;
  if (!/^[1-9]\d{0,8}$/.test(value)) fail(`--${flag} must be a whole number from 1 to 999999999, not "${value}"`);
  limits[option] = Number(value);
}

// A signal during start-up is honoured once the gateway is up (it then closes at once).
let stopRequested: NodeJS.Signals | undefined;
let stop: ((signal: NodeJS.Signals) => void) | undefined;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopRequested !== undefined) return;
    stopRequested = signal;
    stop?.(signal);
  });
}

// Loaded only now, so a bad flag is reported at once, before Prism is loaded.
const { startMockGateway } = await import('./mock-gateway.js');
const gateway = await startMockGateway({
  port,
  host: values.host!,
  ...(webhookUrl ? { webhookUrl } : {}),
  ...(secret ? { webhookSecret: secret } : {}),
  ...(values['app-id'] ? { appId: values['app-id'], apiKey: values['api-key']! } : {}),
  retryScale,
  logFormat,
  quiet: values.quiet!,
  ...limits,
  journalSize,
  ...(latency ? { latency } : {}),
  ...(duplicates === undefined ? {} : { webhookDuplicates: duplicates }),
}).catch((error: NodeJS.ErrnoException) =>
  fail(error.code === 'EADDRINUSE' ? `${values.host}:${port} is already in use` : error.message),
);

if (secret === undefined) console.log(`webhook secret (generated): ${gateway.webhookSecret}`);
if (webhookUrl === undefined) console.log('no --webhook-url: webhooks are logged and journaled, not sent');
if (latency) console.log(`chaos: each command's response waits ${describeLatency(latency)} after the command ran`);
if (duplicates)
  console.log(`chaos: a delivered webhook is delivered once more (same webhook-id) with probability ${duplicates}`);
console.log(`listening on ${gateway.url}`);
console.log(`inspector on ${gateway.inspectorUrl}`);

stop = (signal) => {
  console.log(`${signal}: stopping (finishing webhook deliveries)`);
  // Exit only once everything written is flushed: stdout to a pipe is asynchronous, and
  // the undelivered-webhook lines written during close() must not be cut off.
  void gateway.close().then(() => {
    const { commandsAccepted, webhooks } = gateway.stats();
    const delivered = webhooks
      ? `; webhooks: ${webhooks.delivered} delivered, ${webhooks.undelivered} undelivered`
      : '';
    process.stdout.write(
      `stopped: ${commandsAccepted} command${commandsAccepted === 1 ? '' : 's'} accepted${delivered}\n`,
      () => process.exit(0),
    );
  });
};
if (stopRequested !== undefined) stop(stopRequested);
