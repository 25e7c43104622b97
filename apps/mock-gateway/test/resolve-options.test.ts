// One set of rules for the options, both ways: each refusal the CLI gives (exit 2, one line,
// naming the flag or the environment variable and the text typed) startMockGateway gives
// in-process too (a TypeError naming the option and the value), with the same rule. And the
// defaults an unset option takes.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startMockGateway } from '../src/mock-gateway.js';
import type { MockGatewayOptions } from '../src/mock-gateway-options.js';
import { resolveOptions } from '../src/resolve-options.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

/** The CLI with these flags and environment (and none of the MOCK_ variables this process has). */
async function runCli(args: string[], env: Record<string, string> = {}) {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('MOCK_')));
  const child = spawn(process.execPath, [CLI, '--port', '0', ...args], {
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const [code] = await once(child, 'exit');
  return { code: code as number, lines: stderr.trimEnd().split('\n') };
}

interface Refusal {
  /** The flags that break the rule (or an environment variable), or none when no flag sets the option. */
  flags?: string[];
  env?: Record<string, string>;
  /** What the CLI says, after `call-control-mock: `. */
  cli?: string;
  options: MockGatewayOptions;
  /** The TypeError's message. */
  inProcess: string;
}

const WHOLE = 'must be a whole number from 1 to 999999999';
const SECRET = 'must be whsec_ followed by padded base64 (as the gateway shows it)';
const ORIGIN = 'takes origins only, such as http://127.0.0.1:4011 (scheme, host and port; never *)';
const LATENCY = 'must be MIN or MIN-MAX whole milliseconds, 0 ≤ MIN ≤ MAX ≤ 60000';
const REFUSALS: [string, Refusal][] = [
  [
    'a port that is not one',
    {
      flags: ['--port', 'eighty'],
      cli: '--port must be a port number (0–65535), not "eighty"',
      options: { port: 70_000 },
      inProcess: 'port must be a port number (0–65535), not 70000',
    },
  ],
  [
    'no interface',
    {
      flags: ['--host', ''],
      cli: '--host must name an interface, not ""',
      options: { host: '' },
      inProcess: 'host must name an interface, not ""',
    },
  ],
  [
    'an allowed host that is not a host name',
    {
      flags: ['--allowed-hosts', 'mock.test,evil.example/x'],
      cli: '--allowed-hosts must be host names separated by commas (example.test, or .example.test for it and its subdomains), not "mock.test,evil.example/x"',
      options: { allowedHosts: ['mock.test', 'http://evil.example'] },
      inProcess:
        'allowedHosts must be host names separated by commas (example.test, or .example.test for it and its subdomains), not ["mock.test","http://evil.example"]',
    },
  ],
  [
    'an empty allowed host',
    {
      flags: ['--allowed-hosts', 'mock.test,'],
      cli: '--allowed-hosts must be host names separated by commas (example.test, or .example.test for it and its subdomains), not "mock.test,"',
      options: { allowedHosts: [] },
      inProcess:
        'allowedHosts must be host names separated by commas (example.test, or .example.test for it and its subdomains), not []',
    },
  ],
  [
    'a wildcard for every host',
    {
      flags: ['--allowed-hosts', '*'],
      cli: '--allowed-hosts must be host names separated by commas (example.test, or .example.test for it and its subdomains), not "*"',
      options: { allowedHosts: ['.'] },
      inProcess:
        'allowedHosts must be host names separated by commas (example.test, or .example.test for it and its subdomains), not ["."]',
    },
  ],
  [
    'a webhook URL that is not http(s)',
    {
      flags: ['--webhook-url', 'ftp://x'],
      cli: '--webhook-url must be an http(s) URL, not "ftp://x"',
      options: { webhookUrl: 'not a url' },
      inProcess: 'webhookUrl must be an http(s) URL, not "not a url"',
    },
  ],
  [
    'a secret that is not whsec_ (never repeated)',
    {
      flags: ['--webhook-secret', 'hunter2'],
      cli: `--webhook-secret ${SECRET}`,
      options: { webhookSecret: 'hunter2' },
      inProcess: `webhookSecret ${SECRET}`,
    },
  ],
  [
    'a whsec_ secret badly padded',
    {
      flags: ['--webhook-secret', 'whsec_abcde'],
      cli: `--webhook-secret ${SECRET}`,
      options: { webhookSecret: 'whsec_' },
      inProcess: `webhookSecret ${SECRET}`,
    },
  ],
  [
    'an app ID without its key',
    {
      flags: ['--app-id', 'a'],
      cli: '--app-id and --api-key go together',
      options: { appId: 'a' },
      inProcess: 'appId and apiKey go together',
    },
  ],
  [
    'a key from the environment without its app ID',
    {
      env: { MOCK_API_KEY: 'k' },
      cli: '--app-id and MOCK_API_KEY go together',
      options: { apiKey: 'k' },
      inProcess: 'appId and apiKey go together',
    },
  ],
  [
    'an empty app ID',
    {
      flags: ['--app-id', '', '--api-key', 'k'],
      cli: '--app-id and --api-key must not be empty',
      options: { appId: '', apiKey: 'k' },
      inProcess: 'appId and apiKey must not be empty',
    },
  ],
  [
    'a retry scale of 0',
    {
      flags: ['--retry-scale', '0'],
      cli: '--retry-scale must be a number in (0, 1], not "0"',
      options: { retryScale: 1.5 },
      inProcess: 'retryScale must be a number in (0, 1], not 1.5',
    },
  ],
  [
    'a log format it does not write',
    {
      flags: ['--log-format', 'xml'],
      cli: '--log-format must be pretty or json, not "xml"',
      options: { logFormat: 'xml' as 'json' },
      inProcess: 'logFormat must be pretty or json, not "xml"',
    },
  ],
  [
    'no sessions at all',
    {
      flags: ['--max-sessions', '0'],
      cli: `--max-sessions ${WHOLE}, not "0"`,
      options: { maxSessions: 0 },
      inProcess: `maxSessions ${WHOLE}, not 0`,
    },
  ],
  [
    'a part of a key',
    {
      flags: ['--max-keys-per-session', '1.5'],
      cli: `--max-keys-per-session ${WHOLE}, not "1.5"`,
      options: { maxKeysPerSession: 1.5 },
      inProcess: `maxKeysPerSession ${WHOLE}, not 1.5`,
    },
  ],
  [
    'a backlog in another notation, or past the bound',
    {
      flags: ['--max-webhook-backlog', '1e3'],
      cli: `--max-webhook-backlog ${WHOLE}, not "1e3"`,
      options: { maxWebhookBacklog: 1e10 },
      inProcess: `maxWebhookBacklog ${WHOLE}, not 10000000000`,
    },
  ],
  [
    'a backlog per session that is not a number',
    {
      flags: ['--max-webhook-backlog-per-session', 'lots'],
      cli: `--max-webhook-backlog-per-session ${WHOLE}, not "lots"`,
      options: { maxWebhookBacklogPerSession: Number.NaN },
      inProcess: `maxWebhookBacklogPerSession ${WHOLE}, not NaN`,
    },
  ],
  [
    'an empty journal',
    {
      flags: ['--journal-size', '0'],
      cli: '--journal-size must be a whole number from 1 to 100000, not "0"',
      options: { journalSize: 0 },
      inProcess: 'journalSize must be a whole number from 1 to 100000, not 0',
    },
  ],
  [
    'a journal past its ceiling',
    {
      flags: ['--journal-size', '100001'],
      cli: '--journal-size must be a whole number from 1 to 100000, not "100001"',
      options: { journalSize: 100_001 },
      inProcess: 'journalSize must be a whole number from 1 to 100000, not 100001',
    },
  ],
  [
    'no subscribers at all',
    {
      flags: ['--max-stream-subscribers', '0'],
      cli: '--max-stream-subscribers must be a whole number from 1 to 10000, not "0"',
      options: { maxStreamSubscribers: 10_001 },
      inProcess: 'maxStreamSubscribers must be a whole number from 1 to 10000, not 10001',
    },
  ],
  [
    'a request journal neither on nor off',
    {
      flags: ['--request-journal', 'maybe'],
      cli: '--request-journal must be on or off (true or false in-process), not "maybe"',
      options: { requestJournal: 'maybe' as unknown as boolean },
      inProcess: 'requestJournal must be on or off (true or false in-process), not "maybe"',
    },
  ],
  [
    'a latency range the wrong way round',
    {
      flags: ['--latency', '500-100'],
      cli: `--latency ${LATENCY}, not "500-100"`,
      options: { latency: { minMs: 500, maxMs: 100 } },
      inProcess: `latency ${LATENCY}, not {"minMs":500,"maxMs":100}`,
    },
  ],
  [
    'a latency that is not milliseconds',
    {
      flags: ['--latency', 'slow'],
      cli: `--latency ${LATENCY}, not "slow"`,
      options: { latency: { minMs: 0.5, maxMs: 1 } },
      inProcess: `latency ${LATENCY}, not {"minMs":0.5,"maxMs":1}`,
    },
  ],
  [
    'a chance over 1',
    {
      flags: ['--webhook-duplicates', '1.5'],
      cli: '--webhook-duplicates must be a number from 0 to 1, not "1.5"',
      options: { webhookDuplicates: 2 },
      inProcess: 'webhookDuplicates must be a number from 0 to 1, not 2',
    },
  ],
  [
    'a way of making sessions there is not',
    {
      flags: ['--sessions', 'lazy'],
      cli: '--sessions must be implicit or explicit, not "lazy"',
      options: { sessions: 'lazy' as 'explicit' },
      inProcess: 'sessions must be implicit or explicit, not "lazy"',
    },
  ],
  [
    'a chance of losing an answer over 1',
    {
      flags: ['--drop-responses', '2'],
      cli: '--drop-responses must be a number from 0 to 1, not "2"',
      options: { dropResponses: 1.01 },
      inProcess: 'dropResponses must be a number from 0 to 1, not 1.01',
    },
  ],
  [
    'a CORS origin of any page',
    {
      flags: ['--cors-origin', 'http://127.0.0.1:4011', '--cors-origin', '*'],
      cli: `--cors-origin ${ORIGIN}, not "http://127.0.0.1:4011,*"`,
      options: { corsOrigins: ['*'] },
      inProcess: `corsOrigins ${ORIGIN}, not ["*"]`,
    },
  ],
  [
    'a CORS origin with a path',
    {
      flags: ['--cors-origin', 'http://127.0.0.1:4011/,http://localhost:4011'],
      cli: `--cors-origin ${ORIGIN}, not "http://127.0.0.1:4011/,http://localhost:4011"`,
      options: { corsOrigins: ['http://127.0.0.1:4011/docs'] },
      inProcess: `corsOrigins ${ORIGIN}, not ["http://127.0.0.1:4011/docs"]`,
    },
  ],
  // Options no flag sets: in-process only.
  [
    'an attempt that may take no time',
    { options: { deliveryTimeoutMs: 0 }, inProcess: 'deliveryTimeoutMs must be milliseconds, at least 1, not 0' },
  ],
  [
    'a request timeout below zero',
    { options: { requestTimeoutMs: -1 }, inProcess: 'requestTimeoutMs must be milliseconds, at least 1, not -1' },
  ],
  [
    'a headers timeout of NaN',
    {
      options: { headersTimeoutMs: Number.NaN },
      inProcess: 'headersTimeoutMs must be milliseconds, at least 1, not NaN',
    },
  ],
  [
    'a shutdown grace below zero',
    { options: { shutdownGraceMs: -5 }, inProcess: 'shutdownGraceMs must be milliseconds, 0 or more, not -5' },
  ],
  [
    'an engine there is not',
    { options: { engine: 'fast' as 'prism' }, inProcess: 'engine must be compiled or prism, not "fast"' },
  ],
];

describe.each(REFUSALS)('%s', (_name, { flags, env, cli, options, inProcess }) => {
  // Options no flag sets are refused in-process only.
  if (cli !== undefined)
    it('the CLI: exit 2, one line', async () => {
      const { code, lines } = await runCli(flags ?? [], env);
      expect(code).toBe(2);
      expect(lines).toEqual([`call-control-mock: ${cli}`]);
    });

  it('startMockGateway: a TypeError of the same rule, before it listens', async () => {
    await expect(startMockGateway({ port: 0, quiet: true, ...options })).rejects.toThrow(new TypeError(inProcess));
  });
});

it('names every option it refuses by the flag that sets it (the option in kebab case), when one does', () => {
  const named = REFUSALS.filter(([, { flags }]) => flags !== undefined).map(([, { flags, cli }]) => [
    flags![0],
    cli!.split(' ')[0],
  ]);
  expect(named.every(([flag, first]) => flag === first)).toBe(true);
});

it('gives every unset option its default', () => {
  const resolved = resolveOptions({});
  if (!resolved.ok) throw new Error('the defaults are refused');
  const { webhookSecret, log, clock, random, ...rest } = resolved.value;
  expect(rest).toEqual({
    port: 4010,
    host: '127.0.0.1',
    allowedHosts: [],
    webhookUrl: undefined,
    credentials: undefined,
    retryScale: 0.001,
    deliveryTimeoutMs: undefined,
    requestTimeoutMs: 10_000,
    headersTimeoutMs: 10_000,
    shutdownGraceMs: 5_000,
    maxSessions: 25_000,
    maxKeysPerSession: 1_000,
    maxWebhookBacklog: 10_000,
    maxWebhookBacklogPerSession: 100,
    specPath: undefined,
    engine: 'compiled',
    journalSize: 1_000,
    maxStreamSubscribers: 32,
    requestJournal: true,
    latency: undefined,
    webhookDuplicates: 0,
    sessions: 'implicit',
    dropResponses: 0,
    corsOrigins: [],
  });
  expect(webhookSecret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
  expect([log.verbose, typeof clock.now, random()]).toEqual([true, 'function', expect.any(Number)]);
});

it('takes each --cors-origin, repeated or comma-separated, once', () => {
  const resolved = resolveOptions({
    corsOrigins: ['http://127.0.0.1:4011', 'https://docs.test', 'http://127.0.0.1:4011'],
  });
  expect(resolved.ok && resolved.value.corsOrigins).toEqual(['http://127.0.0.1:4011', 'https://docs.test']);
});

it('takes the pair together, the headers timeout from the request timeout, and the URL parsed', () => {
  const resolved = resolveOptions({
    appId: 'a',
    apiKey: 'k',
    requestTimeoutMs: 500,
    webhookUrl: 'http://127.0.0.1:3000/hooks',
  });
  expect(
    resolved.ok && [resolved.value.credentials, resolved.value.headersTimeoutMs, resolved.value.webhookUrl?.href],
  ).toEqual([{ appId: 'a', apiKey: 'k' }, 500, 'http://127.0.0.1:3000/hooks']);
});
