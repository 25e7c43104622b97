// `wait_ms`: a read of a journal that found nothing holds its answer until an entry it would
// select comes (or changes into one it would select), or the time runs out — so a test waits
// for a webhook without polling or sleeping. The waits are bounded in length (MAX_WAIT_MS) and
// in number (a read past `maxWaiting` is refused, not queued), cost nothing when nobody waits,
// and end at once when the client goes away or the mock stops.
import type { IncomingMessage } from 'node:http';
import type { Clock } from '../common/clock.js';

/** The longest `wait_ms` a read may ask for. */
export const MAX_WAIT_MS = 30_000;
/** How many reads may wait at once, per journal. */
export const DEFAULT_MAX_WAITING = 1_000;

/** Calls `stop` when the client goes away; returns what stops listening for that. */
export type Abandoned = (stop: () => void) => () => void;

/** A request's client going away: its connection closing (a keep-alive connection's listener is removed after). */
export const whenGone =
  (req: IncomingMessage): Abandoned =>
  (stop) => {
    const { socket } = req;
    socket.once('close', stop);
    return () => socket.off('close', stop);
  };

interface Waiter<Entry> {
  wakes: (entry: Entry) => boolean;
  done: () => void;
}

export function createJournalWaits<Entry>({
  clock,
  maxWaiting = DEFAULT_MAX_WAITING,
}: {
  clock: Clock;
  maxWaiting?: number;
}) {
  const waiting = new Set<Waiter<Entry>>();
  return {
    get waiting() {
      return waiting.size;
    },
    /** Whether another wait may start now. */
    get full() {
      return waiting.size >= maxWaiting;
    },
    /**
     * Resolves when `wakes` says yes to an entry seen, after `ms`, when `abandoned` fires (the
     * client went away), or when the waits are released — whichever comes first.
     */
    wait(wakes: (entry: Entry) => boolean, ms: number, abandoned?: Abandoned): Promise<void> {
      return new Promise<void>((resolve) => {
        let forget: (() => void) | undefined;
        const waiter: Waiter<Entry> = {
          wakes,
          done: () => {
            if (!waiting.delete(waiter)) return;
            clock.clearTimeout(timer);
            forget?.();
            resolve();
          },
        };
        waiting.add(waiter);
        const timer = clock.setTimeout(waiter.done, Math.min(ms, MAX_WAIT_MS));
        forget = abandoned?.(waiter.done);
      });
    },
    /** An entry was added or changed: the waits it wakes end. */
    seen(entry: Entry): void {
      if (waiting.size === 0) return;
      for (const waiter of waiting) if (waiter.wakes(entry)) waiter.done();
    },
    /** Ends every wait now (the mock is stopping): each answers with what it has. */
    releaseAll(): void {
      for (const waiter of waiting) waiter.done();
    },
  };
}

export type JournalWaits<Entry> = ReturnType<typeof createJournalWaits<Entry>>;
