// The dispatcher's waits — until an event is due, until a retry's step has passed — on the
// clock, each one ended at once when shutdown comes: a stopping mock must not sit out a retry
// step of five minutes, or a timer's whole range.
import { type Clock, MAX_TIMER_MS } from '../common/clock.js';

export function createDeliveryWaits(clock: Clock) {
  // Each pending wait's timer, and what ends it early.
  const pending = new Map<unknown, () => void>();
  let stopped = false;
  return {
    /** Shutdown came: every wait ends at once. */
    get stopped() {
      return stopped;
    },
    /**
     * Resolves once `ms` have passed on the clock, never sooner; at once for 0 or less, or once
     * stopped. A timer alone can end early: Node counts a timer from the time its loop last woke
     * (in whole milliseconds), so on a busy loop part of the wait has passed before it starts,
     * and a retry would reach a receiver sooner than the schedule allows. So the wait checks
     * itself against the clock and waits out what is left.
     */
    sleep(ms: number): Promise<void> {
      return new Promise<void>((resolve) => {
        if (!(ms > 0) || stopped) return resolve();
        const monotonicNow = () => clock.monotonic?.() ?? clock.now();
        const until = monotonicNow() + ms;
        const wait = (left: number) => {
          const timer = clock.setTimeout(
            () => {
              pending.delete(timer);
              const still = until - monotonicNow();
              if (still > 0 && !stopped) wait(still);
              else resolve();
            },
            Math.min(Math.ceil(left), MAX_TIMER_MS),
          );
          pending.set(timer, resolve);
        };
        wait(ms);
      });
    },
    /** Ends every pending wait now; later ones wait as usual (each waiter then sees why it woke). */
    wake(): void {
      for (const [timer, wake] of pending) {
        clock.clearTimeout(timer);
        wake();
      }
      pending.clear();
    },
    /** Ends every pending wait now, and every later one at once. */
    stop(): void {
      stopped = true;
      for (const [timer, wake] of pending) {
        clock.clearTimeout(timer);
        wake();
      }
      pending.clear();
    },
  };
}

export type DeliveryWaits = ReturnType<typeof createDeliveryWaits>;
