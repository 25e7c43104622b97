import { readContract } from '../src/contract.js';
import { expect, it } from 'vitest';
import { parseCommandLine, parseListen, UsageError } from '../src/cli-args.js';

const { sessionUuid } = readContract();
const secret = `whsec_${Buffer.from('0123456789abcdef0123456789abcdef').toString('base64')}`;
const gateway = [
  'gateway',
  '--base-url',
  'http://127.0.0.1:4010',
  '--app-id',
  'app',
  '--api-key',
  'key',
  '--webhook-secret',
  secret,
  '--listen',
  '127.0.0.1:4020',
];
const parse = (args: string[]) => parseCommandLine(args, sessionUuid);

it('reads the receiver side', () => {
  expect(parse(['receiver', 'http://127.0.0.1:3000/webhooks', '--secret', secret, '--json'])).toEqual({
    side: 'receiver',
    url: 'http://127.0.0.1:3000/webhooks',
    secret,
    json: true,
    junit: undefined,
  });
});

it('reads the gateway side, sessions repeated and in lower case, and the schedule’s scale', () => {
  const upper = '3F9C2A7E-8B1D-4C5E-9A2F-6D7E8F901234';
  expect(
    parse([
      ...gateway,
      '--session',
      upper,
      '--session',
      '11111111-2222-3333-4444-555555555555',
      '--schedule-scale',
      '0.001',
      '--junit',
      'out.xml',
    ]),
  ).toEqual({
    side: 'gateway',
    baseUrl: 'http://127.0.0.1:4010',
    appId: 'app',
    apiKey: 'key',
    webhookSecret: secret,
    listen: { host: '127.0.0.1', port: 4020 },
    sessions: [upper.toLowerCase(), '11111111-2222-3333-4444-555555555555'],
    scheduleScale: 0.001,
    json: false,
    junit: 'out.xml',
  });
  expect(parse(gateway)).toMatchObject({ sessions: [], scheduleScale: 1 });
});

it.each([
  [[], 'say which side to check: receiver or gateway'],
  [['sender'], 'unknown side "sender": receiver or gateway'],
  [['receiver', '--secret', secret], 'receiver takes one URL'],
  [['receiver', 'http://a/', 'http://b/', '--secret', secret], 'receiver takes one URL'],
  [['receiver', 'not a url', '--secret', secret], 'the receiver URL must be an http(s) URL, not "not a url"'],
  [['receiver', 'ftp://host/', '--secret', secret], 'the receiver URL must be an http(s) URL'],
  [['receiver', 'http://a/'], '--secret is required (the whsec_… secret)'],
  [['receiver', 'http://a/', '--secret', 'hunter2'], '--secret must be whsec_ followed by padded base64'],
  [['receiver', 'http://a/', '--secret', 'whsec_abcde'], '--secret must be whsec_ followed by padded base64'],
  [['receiver', 'http://a/', '--secret', secret, '--listen', '1:2'], '--listen is not an option of receiver'],
  [['receiver', 'http://a/', '--secret', secret, '--bogus'], "Unknown option '--bogus'"],
  [['receiver', 'http://a/', '--secret', secret, '--junit', ''], '--junit needs a file name'],
  [['gateway', 'http://x/'], 'gateway takes no positional argument ("http://x/"): use --base-url'],
  [gateway.filter((arg) => arg !== '--app-id' && arg !== 'app'), '--app-id is required'],
  [[...gateway.slice(0, 2), 'localhost:4010', ...gateway.slice(3)], '--base-url must be an http(s) URL'],
  [[...gateway, '--secret', secret], '--secret is not an option of gateway'],
  [[...gateway, '--session', 'not-a-uuid'], '--session must be a session UUID'],
  [[...gateway, '--schedule-scale', '0'], '--schedule-scale must be a number above 0'],
  [[...gateway, '--schedule-scale', 'fast'], '--schedule-scale must be a number above 0'],
  [[...gateway.slice(0, -1), '4020'], '--listen must be HOST:PORT'],
])('refuses %j in one line', (args, message) => {
  expect(() => parse(args)).toThrow(UsageError);
  expect(() => parse(args)).toThrow(message);
  try {
    parse(args);
  } catch (error) {
    expect((error as Error).message).not.toContain('\n');
  }
});

it.each([
  ['127.0.0.1:4020', { host: '127.0.0.1', port: 4020 }],
  ['localhost:0', { host: 'localhost', port: 0 }],
  ['[::1]:4020', { host: '::1', port: 4020 }],
])('reads --listen %s', (value, listen) => {
  expect(parseListen(value)).toEqual(listen);
});

it.each(['127.0.0.1', ':4020', '127.0.0.1:65536', '127.0.0.1:-1', '::1:4020'])('refuses --listen %s', (value) => {
  expect(() => parseListen(value)).toThrow('--listen must be HOST:PORT');
});

it('answers --help with the usage', () => {
  expect(parse(['--help'])).toEqual({ side: 'help', json: false, junit: undefined });
});
