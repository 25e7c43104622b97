// The project's one Retry-After parser (RFC 9110 §10.2.3): the client waits on it, and the
// mock gateway's webhook dispatcher reads receivers' answers with it.

// The shape of an IMF-fixdate, `Sun, 06 Nov 1994 08:49:37 GMT`, checked before Date.parse,
// which reads far more (`5`, `-1` or `1.5` as years and days) and would turn garbage into a
// date. Date.parse then rejects a month or a time that does not exist.
const IMF_FIXDATE = /^[A-Z][a-z]{2}, \d\d [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d GMT$/;

/**
 * A Retry-After value as milliseconds to wait: delta-seconds (`120`) or an IMF-fixdate
 * (relative to `now`, 0 once it is past). `undefined` when absent or not one of those (the
 * obsolete RFC 850 and asctime date forms included). Never negative and never NaN, but not
 * bounded either: `3000000` is 3e9 ms, a year-9999 date some 2.5e14 ms, and 400 digits is
 * Infinity. Callers clamp it to what they are prepared to wait (a timer takes 2³¹−1 ms at most).
 */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const date = IMF_FIXDATE.test(text) ? Date.parse(text) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}
