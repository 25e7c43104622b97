import { describe, expect, it } from 'vitest';
import { appIdOf, checkCredentials } from '../../src/commands/credentials.js';

const PAIR = { appId: 'app-1', apiKey: 'key-1' };

describe('checkCredentials', () => {
  it.each<[string, { sent: Record<string, string[] | undefined>; accepted?: typeof PAIR; want: string | undefined }]>([
    ['any pair, when none is configured', { sent: { 'x-app-id': ['a'], 'x-api-key': ['k'] }, want: undefined }],
    [
      'the configured pair',
      { sent: { 'x-app-id': ['app-1'], 'x-api-key': ['key-1'] }, accepted: PAIR, want: undefined },
    ],
    ['no headers', { sent: {}, want: 'Send both X-App-ID and X-API-Key.' }],
    ['no X-API-Key', { sent: { 'x-app-id': ['a'] }, want: 'Send both X-App-ID and X-API-Key.' }],
    [
      'an empty X-App-ID',
      { sent: { 'x-app-id': [''], 'x-api-key': ['k'] }, want: 'Send both X-App-ID and X-API-Key.' },
    ],
    [
      'X-App-ID twice',
      { sent: { 'x-app-id': ['a', 'b'], 'x-api-key': ['k'] }, want: 'Send X-App-ID once, not several times.' },
    ],
    [
      'both twice',
      {
        sent: { 'x-app-id': ['a', 'a'], 'x-api-key': ['k', 'k'] },
        want: 'Send X-App-ID and X-API-Key once, not several times.',
      },
    ],
    [
      'a wrong key',
      {
        sent: { 'x-app-id': ['app-1'], 'x-api-key': ['key-2'] },
        accepted: PAIR,
        want: 'The X-App-ID and X-API-Key pair is not valid.',
      },
    ],
    [
      'a key that is a prefix of the right one',
      {
        sent: { 'x-app-id': ['app-1'], 'x-api-key': ['key-'] },
        accepted: PAIR,
        want: 'The X-App-ID and X-API-Key pair is not valid.',
      },
    ],
    [
      'the right key for another app',
      {
        sent: { 'x-app-id': ['app-2'], 'x-api-key': ['key-1'] },
        accepted: PAIR,
        want: 'The X-App-ID and X-API-Key pair is not valid.',
      },
    ],
  ])('%s', (_name, { sent, accepted, want }) => {
    // As node:http keeps them: name, value, name, value…, each header as sent.
    const rawHeaders = Object.entries(sent).flatMap(([name, values]) =>
      (values ?? []).flatMap((value) => [name.replace(/^x-app-id$/, 'X-App-ID'), value]),
    );
    const checked = checkCredentials([...rawHeaders, 'Host', 'x'], accepted);
    expect(checked).toEqual(want === undefined ? { ok: true, value: undefined } : { ok: false, reason: want });
  });
});

it('appIdOf reads X-App-ID', () => {
  expect(appIdOf({ 'x-app-id': 'app-9' })).toBe('app-9');
  expect(appIdOf({})).toBe('');
});
