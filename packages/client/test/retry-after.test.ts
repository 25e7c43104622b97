import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from '../src/retry-after.js';

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-24T10:00:00Z');
  it.each<[string, string | null | undefined, number | undefined]>([
    ['delta-seconds', '7', 7_000],
    ['zero', '0', 0],
    ['delta-seconds with surrounding space', ' 120 ', 120_000],
    ['an IMF-fixdate', 'Tue, 24 Nov 2026 10:00:05 GMT', 5_000],
    ['an IMF-fixdate in the past', 'Tue, 24 Nov 2026 09:00:00 GMT', 0],
    ['an IMF-fixdate before 1970', 'Thu, 01 Jan 1959 00:00:00 GMT', 0],
    ['absent (null)', null, undefined],
    ['absent (undefined)', undefined, undefined],
    ['empty', '', undefined],
    ['nonsense', 'soon', undefined],
    // Date.parse reads each of these as some date (years 2001, 1999, ...): garbage, not "now".
    ['a bare small number with a fraction', '1.5', undefined],
    ['a negative number', '-5', undefined],
    ['a plus sign', '+5', undefined],
    ['an ISO date', '2026-11-24T10:00:05Z', undefined],
    ['the obsolete RFC 850 form', 'Tuesday, 24-Nov-26 10:00:05 GMT', undefined],
    ['the obsolete asctime form', 'Tue Nov 24 10:00:05 2026', undefined],
    ['an IMF-fixdate in another zone', 'Tue, 24 Nov 2026 10:00:05 +0100', undefined],
  ])('%s', (_name, given, want) => expect(parseRetryAfter(given, now)).toBe(want));

  it('is not bounded: huge values come back as they are, for the caller to clamp', () => {
    expect(parseRetryAfter('3000000', now)).toBe(3e9);
    expect(parseRetryAfter('Fri, 31 Dec 9999 23:59:59 GMT', now)).toBe(Date.parse('9999-12-31T23:59:59Z') - now);
    expect(parseRetryAfter('9'.repeat(400), now)).toBe(Infinity);
  });

  it('defaults now to the clock', () => {
    const inTenSeconds = new Date(Date.now() + 10_000).toUTCString();
    expect(parseRetryAfter(inTenSeconds)).toBeGreaterThan(8_000);
    expect(parseRetryAfter(inTenSeconds)).toBeLessThanOrEqual(10_000);
  });
});
