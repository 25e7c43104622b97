// The wait before each attempt: the schedule's step, or a receiver's Retry-After clamped
// between that step and the next one, scaled.
import { expect, it } from 'vitest';
import { MAX_TIMER_MS } from '../../src/common/clock.js';
import { createRetrySchedule } from '../../src/delivery/retry-schedule.js';
import { loadSpecModel } from '../../src/common/spec-model.js';

const SCHEDULE_S = loadSpecModel().limits.webhookRetryScheduleS; // 0, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h
const real = createRetrySchedule(SCHEDULE_S, 1);
const compressed = createRetrySchedule(SCHEDULE_S, 0.001);

it('has as many attempts as the schedule has steps, and waits each step when the receiver asks nothing', () => {
  expect(real.attempts).toBe(SCHEDULE_S.length);
  expect(SCHEDULE_S.map((_, index) => real.waitBefore(index))).toEqual(SCHEDULE_S.map((seconds) => seconds * 1000));
  expect(SCHEDULE_S.map((_, index) => compressed.waitBefore(index))).toEqual(SCHEDULE_S.map((seconds) => seconds));
});

it.each<[string, { index: number; retryAfterMs: number; schedule?: typeof real; want: number }]>([
  ['shorter than the step: the step', { index: 1, retryAfterMs: 1_000, want: 5_000 }],
  ['between the step and the next: as asked', { index: 1, retryAfterMs: 60_000, want: 60_000 }],
  ['a day, after attempt 1: the next step (5 min)', { index: 1, retryAfterMs: 86_400_000, want: 300_000 }],
  ['3,000,000 s: the next step', { index: 2, retryAfterMs: 3e9, want: 1_800_000 }],
  [
    'a date in 9999: the next step',
    { index: 3, retryAfterMs: Date.parse('9999-12-31T23:59:59Z') - Date.now(), want: 7_200_000 },
  ],
  ['before the last attempt: that step, there is none after it', { index: 7, retryAfterMs: 1e12, want: 36_000_000 }],
  ['scaled: clamped to the scaled next step', { index: 1, retryAfterMs: 2_000, schedule: compressed, want: 300 }],
])('a Retry-After %s', (_name, { index, retryAfterMs, schedule = real, want }) => {
  expect(schedule.waitBefore(index, retryAfterMs)).toBe(want);
});

it('never waits longer than a timer can (the real schedule, whatever the receiver says)', () => {
  const waits = SCHEDULE_S.map((_, index) => real.waitBefore(index, Number.MAX_SAFE_INTEGER));
  expect(Math.max(...waits)).toBeLessThanOrEqual(MAX_TIMER_MS);
});
