#!/usr/bin/env node
// `pnpm mock`: the mock gateway from the command line. Each flag sets the option of its name
// (`--max-webhook-backlog` → `maxWebhookBacklog`); its text is read as the option's type here,
// and every rule is resolveOptions' — the same that startMockGateway applies in-process.
import { parseArgs } from 'node:util';
import { flagOf, helpText, nearestFlag, SWITCHES, VALUE_FLAGS } from './cli-flags.js';
import type { MockGatewayOptions } from './mock-gateway-options.js';
import { describeRefusal, type OptionName, resolveOptions } from './resolve-options.js';
import { secretPrefix } from './delivery/receiver-health.js';
import { describeLatency } from './workbench/chaos.js';

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

/** parseArgs' refusal in one line: an unknown flag with the nearest known one, anything else as it says. */
function describeParseError(error: NodeJS.ErrnoException): string {
  const unknown = /^Unknown option '([^']+)'/.exec(error.message);
  if (error.code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || unknown === null)
    return `${error.message.split('\n')[0]} (--help lists every flag)`;
  const near = nearestFlag(unknown[1]!);
  return `unknown flag ${unknown[1]}${near === undefined ? '' : ` (did you mean ${near}?)`}; --help lists every flag`;
}

/**
 * The flags as they were typed, by option, and where each came from: an unset flag falls back on
 * its environment variable, and a refusal names what the user set.
 */
function readFlags(): {
  texts: Map<OptionName, string>;
  sources: Map<OptionName, string>;
  quiet: boolean;
  help: boolean;
} {
  const options = Object.fromEntries(
    Object.keys(VALUE_FLAGS).map((option) => [
      flagOf(option).slice(2),
      { type: 'string' as const, multiple: VALUE_FLAGS[option as OptionName]!.repeatable === true },
    ]),
  );
  const switches = Object.fromEntries(
    Object.keys(SWITCHES).map((option) => [flagOf(option).slice(2), { type: 'boolean' as const, default: false }]),
  );
  try {
    const { values } = parseArgs({
      // `pnpm x -- --flag` passes the `--` along: it separates nothing here.
      args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
      options: { ...options, ...switches },
      strict: true,
      allowPositionals: false,
    });
    const texts = new Map<OptionName, string>();
    const sources = new Map<OptionName, string>();
    for (const option of Object.keys(VALUE_FLAGS) as OptionName[]) {
      const given = (values as Record<string, unknown>)[flagOf(option).slice(2)];
      const flag = Array.isArray(given) ? given.join(',') : (given as string | undefined);
      const variable = ENVIRONMENT[option];
      const text = flag ?? (variable === undefined ? undefined : process.env[variable]);
      if (text === undefined) continue;
      texts.set(option, text);
      sources.set(option, flag === undefined ? variable! : flagOf(option));
    }
    return { texts, sources, quiet: values.quiet === true, help: values.help === true };
  } catch (error) {
    fail(describeParseError(error as NodeJS.ErrnoException));
  }
}

const { texts, sources, quiet, help } = readFlags();
if (help) {
  // Exit once it is all written: stdout to a pipe is asynchronous.
  process.stdout.write(`${helpText()}\n`, () => process.exit(0));
  await new Promise(() => {});
}
const options: MockGatewayOptions = { quiet };
for (const [option, text] of texts)
  Object.assign(options, { [option]: (VALUE_FLAGS[option]!.read as (text: string) => unknown)(text) });
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
  fail(
    error.code === 'EADDRINUSE'
      ? `${resolved.value.host}:${resolved.value.port} is already in use: pick another port with --port (0 picks a free one)`
      : error.message,
  ),
);

const { latency, webhookDuplicates, webhookUrl, dropResponses } = resolved.value;
if (options.webhookSecret === undefined) console.log(`webhook secret (generated): ${gateway.webhookSecret}`);
// Where the webhooks go, said once at the start (the secret by its first characters: it may be the user's own).
console.log(
  webhookUrl === undefined
    ? `no --webhook-url: the mock is an inbox; webhooks are journaled, not sent (read them at ${gateway.inspectorUrl}deliveries or in the inspector)`
    : `webhooks go to ${webhookUrl.href}, signed with ${secretPrefix(gateway.webhookSecret)}`,
);
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
