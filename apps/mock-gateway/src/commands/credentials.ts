// Who may call: both X-App-ID and X-API-Key, each sent once; and when the mock was started
// with a pair, only that pair. Compared in constant time, so the answer's timing does not
// tell a caller how much of a key it guessed.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { type Outcome, PASSED, refuse } from '../common/outcome.js';

export interface Credentials {
  appId: string;
  apiKey: string;
}

const HEADERS = [
  ['x-app-id', 'X-App-ID'],
  ['x-api-key', 'X-API-Key'],
] as const;

// Digests first: timingSafeEqual needs equal lengths, and a length check would leak the length.
const digest = (value: string) => createHash('sha256').update(value).digest();
const sameSecret = (a: string, b: string) => timingSafeEqual(digest(a), digest(b));

/** Each credential header's values as sent, from a request's raw `[name, value, …]` list. */
function sentValues(rawHeaders: readonly string[]): [string[], string[]] {
  const values: [string[], string[]] = [[], []];
  for (let i = 0; i < rawHeaders.length; i += 2) {
    const sent = rawHeaders[i]!;
    // Only a name of the right length can be one of them: the others are not lower-cased.
    if (sent.length !== HEADERS[0][0].length && sent.length !== HEADERS[1][0].length) continue;
    const name = sent.toLowerCase();
    if (name === HEADERS[0][0]) values[0].push(rawHeaders[i + 1]!);
    else if (name === HEADERS[1][0]) values[1].push(rawHeaders[i + 1]!);
  }
  return values;
}

/**
 * Whether a request's credentials are accepted; refused with the 401's detail. `rawHeaders` (as
 * node:http keeps them) shows a header sent twice as two entries: that is ambiguous (node:http
 * would join the two values with ", "), so it is refused.
 */
export function checkCredentials(
  rawHeaders: readonly string[],
  accepted: Credentials | undefined,
): Outcome<undefined, string> {
  const values = sentValues(rawHeaders);
  if (values.some((sent) => sent.length === 0 || sent[0] === '')) return refuse('Send both X-App-ID and X-API-Key.');
  const repeated = HEADERS.filter((_, i) => values[i]!.length > 1).map(([, display]) => display);
  if (repeated.length > 0) return refuse(`Send ${repeated.join(' and ')} once, not several times.`);
  if (accepted === undefined) return PASSED;
  const [appId, apiKey] = values.map((sent) => sent[0]!) as [string, string];
  // Both compared, always: stopping at the first mismatch would tell which one was wrong.
  const appMatches = sameSecret(appId, accepted.appId);
  const keyMatches = sameSecret(apiKey, accepted.apiKey);
  return appMatches && keyMatches ? PASSED : refuse('The X-App-ID and X-API-Key pair is not valid.');
}

/** The caller's application (X-App-ID), once its credentials are accepted. */
export const appIdOf = (headers: IncomingHttpHeaders): string => String(headers['x-app-id'] ?? '');
