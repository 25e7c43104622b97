import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/commands/scenarios.js';

describe('parseScenario', () => {
  it.each([
    [
      'no header',
      {
        given: undefined,
        want: { ok: true, value: { result: 'succeeded', retryAfterSeconds: 1, dispatchDelayMs: 0 } },
      },
    ],
    [
      'a failed result',
      {
        given: 'result=failed',
        want: { ok: true, value: { result: 'failed', retryAfterSeconds: 1, dispatchDelayMs: 0 } },
      },
    ],
    [
      'several directives',
      {
        given: ' status=429 ; retry-after=30;dispatch-delay=250 ',
        want: { ok: true, value: { result: 'succeeded', status: 429, retryAfterSeconds: 30, dispatchDelayMs: 250 } },
      },
    ],
    [
      'an unknown result',
      {
        given: 'result=maybe',
        want: { ok: false, reason: 'result must be succeeded, failed or timed-out, not "maybe"' },
      },
    ],
    [
      'an unsupported status',
      { given: 'status=418', want: { ok: false, reason: 'status must be 404, 429 or 503, not "418"' } },
    ],
    [
      'a delay too long',
      {
        given: 'dispatch-delay=600000',
        want: { ok: false, reason: 'dispatch-delay must be milliseconds up to 60000, not "600000"' },
      },
    ],
    [
      'an unknown directive',
      {
        given: 'teleport=yes',
        want: { ok: false, reason: 'unknown directive "teleport"; use result, status, retry-after or dispatch-delay' },
      },
    ],
  ])('%s', (_name, { given, want }) => {
    expect(parseScenario(given)).toEqual(want);
  });
});
