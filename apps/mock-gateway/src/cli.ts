#!/usr/bin/env node
// `pnpm mock`: the mock gateway from the command line. Each flag sets the option of its name
// (`--max-webhook-backlog` → `maxWebhookBacklog`); its text is read as the option's type here,
// and every rule is resolveOptions' — the same that startMockGateway applies in-process.
import { parseArgs } from 'node:util';
import type { MockGatewayOptions } from './mock-gateway-options.js';
import { describeRefusal, type OptionName, resolveOptions } from './resolve-options.js';
import { describeLatency } from './workbench/chaos.js';

const USAGE = `usage: call-control-mock [--port 4010] [--host 127.0.0.1] [--webhook-url URL] [--webhook-secret whsec_…]
                         [--app-id ID --api-key KEY] [--retry-scale 0.001] [--log-format pretty|json] [--quiet]
                         [--max-sessions 25000] [--max-keys-per-session 1000]
                         [--max-webhook-backlog 10000] [--max-webhook-backlog-per-session 100]
                         [--journal-size 1000] [--latency MIN[-MAX]] [--webhook-duplicates RATE]`;

/** How a flag's text is read: text that is not of its form reads as NaN, which its option's rule refuses. */
const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text) : Number.NaN);
const decimal = (text: string) =>
  /^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(text.trim()) ? Number(text) : Number.NaN;
const range = (text: string) => {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  return match === null
    ? { minMs: Number.NaN, maxMs: Number.NaN }
    : { minMs: Number(match[1]), maxMs: Number(match[2] ?? match[1]) };
};
const asText = (text: string) => text;

/** The options set by a flag with a value, each with how its text is read; the flag is the option's name in kebab case. */
const READERS: { [Name in OptionName]?: (text: string) => MockGatewayOptions[Name] } = {
  port: whole,
  host: asText,
  webhookUrl: asText,
  webhookSecret: asText,
  appId: asText,
  apiKey: asText,
  retryScale: decimal,
  logFormat: asText as (text: string) => MockGatewayOptions['logFormat'],
  maxSessions: whole,
  maxKeysPerSession: whole,
  maxWebhookBacklog: whole,
  maxWebhookBacklogPerSession: whole,
  journalSize: whole,
  latency: range,
  webhookDuplicates: decimal,
  sessions: asText as (text: string) => MockGatewayOptions['sessions'],
  dropResponses: decimal,
};
const flagOf = (option: OptionName) => `--${option.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
// From the environment too, so a key need not be readable in the process list.
const ENVIRONMENT: { [Name in OptionName]?: string } = {
  webhookUrl: 'MOCK_WEBHOOK_URL',
  webhookSecret: 'MOCK_WEBHOOK_SECRET',
  appId: 'MOCK_APP_ID',
  apiKey: 'MOCK_API_KEY',
};

function fail(message: string): never {
  console.error(`call-control-mock: ${message}`);
  process.exit(2);
}

/**
 * The flags as they were typed, by option, and where each came from: an unset flag falls back on
 * its environment variable, and a refusal names what the user set.
 */
function readFlags(): { texts: Map<OptionName, string>; sources: Map<OptionName, string>; quiet: boolean } {
  const options = Object.fromEntries(
    Object.keys(READERS).map((option) => [flagOf(option as OptionName).slice(2), { type: 'string' as const }]),
  );
  try {
    const { values } = parseArgs({
      // `pnpm x -- --flag` passes the `--` along: it separates nothing here.
      args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
      options: { ...options, quiet: { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const texts = new Map<OptionName, string>();
    const sources = new Map<OptionName, string>();
    for (const option of Object.keys(READERS) as OptionName[]) {
      const flag = (values as Record<string, unknown>)[flagOf(option).slice(2)] as string | undefined;
      const variable = ENVIRONMENT[option];
      const text = flag ?? (variable === undefined ? undefined : process.env[variable]);
      if (text === undefined) continue;
      texts.set(option, text);
      sources.set(option, flag === undefined ? variable! : flagOf(option));
    }
    return { texts, sources, quiet: values.quiet === true };
  } catch (error) {
    fail(`${(error as Error).message}\n${USAGE}`.split('\n')[0]!);
  }
}

const { texts, sources, quiet } = readFlags();
const options: MockGatewayOptions = { quiet };
for (const [option, text] of texts) Object.assign(options, { [option]: READERS[option]!(text) });
const resolved = resolveOptions(options);
if (!resolved.ok) {
  const name = (option: OptionName) => sources.get(option) ?? flagOf(option);
  fail(describeRefusal(resolved.reason, name, (option) => JSON.stringify(texts.get(option) ?? '')));
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

// Loaded only now, so a bad flag is reported before the spec, the engine and the server are loaded.
const { startMockGateway } = await import('./mock-gateway.js');
const gateway = await startMockGateway(options).catch((error: NodeJS.ErrnoException) =>
  fail(error.code === 'EADDRINUSE' ? `${resolved.value.host}:${resolved.value.port} is already in use` : error.message),
);

const { latency, webhookDuplicates, webhookUrl, dropResponses } = resolved.value;
if (options.webhookSecret === undefined) console.log(`webhook secret (generated): ${gateway.webhookSecret}`);
if (webhookUrl === undefined) console.log('no --webhook-url: webhooks are logged and journaled, not sent');
if (latency) console.log(`chaos: each command's response waits ${describeLatency(latency)} after the command ran`);
if (dropResponses > 0)
  console.log(
    `chaos: a command's answer is lost with probability ${dropResponses} (the command ran; retry with the same command_uid)`,
  );
if (webhookDuplicates > 0)
  console.log(
    `chaos: a delivered webhook is delivered once more (same webhook-id) with probability ${webhookDuplicates}`,
  );
console.log(`listening on ${gateway.url}`);
console.log(`inspector on ${gateway.inspectorUrl}`);

stop = (signal) => {
  console.log(`${signal}: stopping (finishing webhook deliveries)`);
  // Exit only once everything written is flushed: stdout to a pipe is asynchronous, and
  // the undelivered-webhook lines written during close() must not be cut off.
  void gateway.close().then(() => {
    const { commandsAccepted, webhooks } = gateway.stats();
    // Without a webhook URL nothing was sent: the journal holds the webhooks, and there is nothing to count.
    const delivered =
      webhookUrl === undefined
        ? ''
        : `; webhooks: ${webhooks.delivered} delivered, ${webhooks.undelivered} undelivered`;
    process.stdout.write(
      `stopped: ${commandsAccepted} command${commandsAccepted === 1 ? '' : 's'} accepted${delivered}\n`,
      () => process.exit(0),
    );
  });
};
if (stopRequested !== undefined) stop(stopRequested);
