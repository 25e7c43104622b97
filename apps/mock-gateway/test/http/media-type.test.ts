// The one form of body the API reads: application/json, UTF-8, not content-coded.
import { describe, expect, it } from 'vitest';
import { checkMediaType, isJsonContentType } from '../../src/http/media-type.js';

describe('isJsonContentType', () => {
  it.each<[string | undefined, boolean]>([
    ['application/json', true],
    ['Application/JSON; charset=utf-8', true],
    [' application/json ', true],
    ['application/json-patch+json', false],
    ['application/problem+json', false],
    ['text/plain', false],
    [undefined, false],
  ])('%s → %s', (header, want) => {
    expect(isJsonContentType(header)).toBe(want);
  });
});

describe('checkMediaType', () => {
  it.each<[string | undefined, string | undefined]>([
    ['application/json', undefined],
    ['application/json; charset=utf-8', undefined],
    ['application/json; charset="UTF-8"', undefined],
    ['application/json;charset=UTF-8; foo=bar', undefined],
  ])('reads %s (Content-Encoding %s)', (type, coding) => {
    expect(checkMediaType(type, coding)).toEqual({ ok: true, value: undefined });
    expect(checkMediaType(type, 'identity')).toEqual({ ok: true, value: undefined });
  });

  it.each<[string, string | undefined, string | undefined, RegExp]>([
    ['another media type', 'text/plain', undefined, /must be sent as application\/json, not text\/plain/],
    ['no Content-Type', undefined, undefined, /not without a Content-Type/],
    [
      'a charset other than UTF-8',
      'application/json; charset=iso-8859-1',
      undefined,
      /must be UTF-8 \(RFC 8259\); charset=iso-8859-1/,
    ],
    ['UTF-16', 'application/json; charset=UTF-16', undefined, /charset=UTF-16/],
    [
      'a quoted charset other than UTF-8',
      'application/json; charset="latin1"',
      undefined,
      /charset=latin1 is not accepted/,
    ],
    ['gzip', 'application/json', 'gzip', /Content-Encoding: gzip is not accepted/],
    ['identity, then br', 'application/json', 'identity, br', /Content-Encoding: identity, br/],
  ])('refuses %s', (_name, type, coding, detail) => {
    const checked = checkMediaType(type, coding);
    if (checked.ok) throw new Error(`${type} (${coding}) was accepted`);
    expect(checked.reason.detail).toMatch(detail);
    expect(checked.reason.headers).toEqual(coding === undefined ? undefined : { 'accept-encoding': 'identity' });
  });
});
