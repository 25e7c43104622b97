// The rules table on its own: which option a set of options is refused for, and why. (Each
// option's every refusal, from the CLI and in-process alike, is in resolve-options.test.ts.)
import { describe, expect, it } from 'vitest';
import { firstRefusal } from '../src/option-rules.js';

describe('firstRefusal', () => {
  it('passes options that keep every rule, and no options at all', () => {
    expect(firstRefusal({ port: 0, journalSize: 10, corsOrigins: ['http://127.0.0.1:4011'] })).toBeUndefined();
    expect(firstRefusal({})).toBeUndefined();
  });

  it('names the option, the value and its rule, with the names left for the caller to say', () => {
    expect(firstRefusal({ port: 70_000 })).toEqual({
      option: 'port',
      value: 70_000,
      rule: '{port} must be a port number (0–65535), not {value}',
    });
  });

  it('refuses in the table’s order, one option at a time', () => {
    expect(firstRefusal({ journalSize: 0, port: -1 })?.option).toBe('port');
  });

  it('refuses an app id without its key, and a key without its app id, naming the one given', () => {
    expect(firstRefusal({ appId: 'app' })).toMatchObject({ option: 'appId', rule: '{appId} and {apiKey} go together' });
    expect(firstRefusal({ apiKey: 'key' })).toMatchObject({ option: 'apiKey' });
  });
});
