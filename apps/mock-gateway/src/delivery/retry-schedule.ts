// When a webhook's next attempt is due: the spec's retry schedule (`webhook_retry_schedule_s`),
// scaled, and a receiver's `Retry-After` honoured within it. A receiver may slow its retries
// down, up to the schedule's step after the one due; it cannot push a retry further than that
// (`Retry-After: 86400`, a date in 9999), so it never holds a session's next events for longer
// than the schedule would, and every wait stays far inside a timer's range.

export interface RetrySchedule {
  /** How many attempts in all, the first included. */
  readonly attempts: number;
  /** The wait before attempt `index + 1` (0: the first), given the last answer's Retry-After. */
  waitBefore(index: number, retryAfterMs?: number): number;
}

/** `scheduleS`: seconds before each attempt (the first entry is the first attempt's delay). */
export function createRetrySchedule(scheduleS: readonly number[], scale: number): RetrySchedule {
  // Past its end, the schedule's last step.
  const stepMs = (index: number) => scheduleS[Math.min(index, scheduleS.length - 1)]! * 1000 * scale;
  return {
    attempts: scheduleS.length,
    waitBefore: (index, retryAfterMs = 0) => Math.max(stepMs(index), Math.min(retryAfterMs, stepMs(index + 1))),
  };
}
