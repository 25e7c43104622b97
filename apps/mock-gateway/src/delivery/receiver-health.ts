// What the log says about the receiver as a whole, rather than attempt by attempt. A receiver
// that refuses the signature (401/403) is told once, with the first characters of the secret
// this mock signs with (never all of it), to compare with its own. A receiver that cannot be
// reached (refused, reset, not found: no HTTP exchange at all; a slow one that times out is
// reachable, and keeps its lines) is one summary line at once and
// then at most one per interval, not a line per attempt: on the real schedule a dead receiver
// would otherwise write hundreds. Every attempt is still journaled and counted.
import type { Clock } from '../common/clock.js';
import type { Log } from '../common/log.js';

export interface ReceiverHealthOptions {
  url: URL;
  secret: string;
  log: Log;
  clock: Clock;
  /** How often a receiver that stays unreachable is summarised; default 5 s. */
  intervalMs?: number;
}

export const SUMMARY_INTERVAL_MS = 5_000;
/** The statuses that say "not this signature" (Standard Webhooks' verification failures). */
const REFUSED_SIGNATURE = [401, 403];

/** The first characters of a secret: enough to compare two, too few to use one. */
export const secretPrefix = (secret: string) => `${secret.slice(0, 'whsec_'.length + 4)}…`;

export function createReceiverHealth({
  url,
  secret,
  log,
  clock,
  intervalMs = SUMMARY_INTERVAL_MS,
}: ReceiverHealthOptions) {
  let hinted = false;
  let down: { since: number; lastLine: number; failed: Map<string, number> } | undefined;

  const summarise = (now: number, first: boolean) => {
    const counts = [...down!.failed].map(([status, count]) => `${status} ×${count}`).join(', ');
    const attempts = [...down!.failed.values()].reduce((sum, count) => sum + count, 0);
    log.warn(
      first
        ? `receiver ${url.href} cannot be reached (${counts}); retrying each webhook on the schedule, one line like this every ${intervalMs / 1000} s while it stays down`
        : `receiver ${url.href} still cannot be reached: ${attempts} attempts failed in the last ${((now - down!.lastLine) / 1000).toFixed(0)} s (${counts})`,
      { receiver: url.href, attempts, failures: Object.fromEntries(down!.failed) },
    );
    down!.lastLine = now;
    down!.failed.clear();
  };

  return {
    /**
     * Told of every attempt's status. Says whether the attempt is summarised here (the receiver
     * cannot be reached): its own line is then left out.
     */
    attempted(status: number | string): boolean {
      const now = clock.now();
      if (typeof status === 'string' && status !== 'timeout') {
        const first = down === undefined;
        down ??= { since: now, lastLine: now, failed: new Map() };
        down.failed.set(status, (down.failed.get(status) ?? 0) + 1);
        if (first || now - down.lastLine >= intervalMs) summarise(now, first);
        return true;
      }
      if (down !== undefined && typeof status === 'number') {
        log.info(`receiver ${url.href} answers again (${status}), after ${((now - down.since) / 1000).toFixed(1)} s`);
        down = undefined;
      }
      if (typeof status === 'number' && REFUSED_SIGNATURE.includes(status) && !hinted) {
        hinted = true;
        log.warn(
          `receiver ${url.href} answered ${status}: if it checks signatures, compare its secret with the one this mock signs with, ${secretPrefix(secret)} (set it with --webhook-secret or MOCK_WEBHOOK_SECRET)`,
          { receiver: url.href, status, secret: secretPrefix(secret) },
        );
      }
      return false;
    },
  };
}

export type ReceiverHealth = ReturnType<typeof createReceiverHealth>;
