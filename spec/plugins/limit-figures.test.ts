// Reading the figures prose states for a limit, one row per way of saying it.
import { describe, expect, it } from 'vitest';
import { clausesOf, limitFigureProblems } from './limit-figures.js';

const limits = {
  max_body_bytes: 16384,
  idempotency_key_retention_after_session_s: 86400,
  webhook_response_timeout_ms: 15000,
  webhook_retry_schedule_s: [0, 5, 300],
  webhook_retry_after_statuses: [429, 503],
  webhook_timestamp_tolerance_s: 300,
};
const keysOf = (text: string) => limitFigureProblems(text, limits).map((problem) => problem.key);

it('cuts prose into sentence parts, joining wrapped lines, and keeps table rows whole', () => {
  expect(clausesOf('One sentence\nwrapped. Two; three: four\n\n| a | b. c |\n| d | e |')).toEqual([
    'One sentence wrapped',
    'Two',
    'three',
    'four',
    '| a | b. c |',
    '| d | e |',
  ]);
});

describe('limitFigureProblems', () => {
  it.each<[string, string, string[]]>([
    ['the body limit, agreeing', 'Request bodies are limited to 16 KiB.', []],
    ['the body limit in bytes, agreeing', 'The limit is 16384 bytes.', []],
    ['the body limit, disagreeing', 'Request bodies are limited to 16 KB.', ['max_body_bytes']],
    ['a size that is no limit', 'The request body is 20480 bytes.', []],
    [
      'the retention, disagreeing',
      'Keys are kept for 48 hours after the session.',
      ['idempotency_key_retention_after_session_s'],
    ],
    ['the response timeout, agreeing', 'Any `2xx` within 15 seconds is success.', []],
    ['the response timeout in ms, disagreeing', 'No answer within 10000 ms fails.', ['webhook_response_timeout_ms']],
    ['the schedule, agreeing', 'Anything else is retried after 5 s and 5 min.', []],
    ['the schedule, one delay wrong', 'Anything else is retried after 5 s and 10 min.', ['webhook_retry_schedule_s']],
    ['the statuses, agreeing in another order', 'A `503` or `429` with `Retry-After` is honoured.', []],
    [
      'the statuses, one more',
      'A `429`, `502` or `503` with `Retry-After` is honoured.',
      ['webhook_retry_after_statuses'],
    ],
    ['Retry-After the gateway sends (not honours)', 'The gateway answers `429` with `Retry-After`.', []],
    ['the tolerance, disagreeing', 'Reject a timestamp more than 10 min away.', ['webhook_timestamp_tolerance_s']],
    ['a clause naming the key', '| `webhook_timestamp_tolerance_s` | 6 minutes |', ['webhook_timestamp_tolerance_s']],
    ['a placeholder', 'Within {{x-gateway-limits.webhook_response_timeout_ms}} of a `2xx`.', []],
  ])('%s', (_name, text, want) => {
    expect(keysOf(text)).toEqual(want);
  });
});
