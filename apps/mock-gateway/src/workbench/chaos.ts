// Chaos for receivers and clients, off by default: what production does now and then, on
// demand. `--latency MIN[-MAX]` holds each command's response for that long after the command
// ran (so its webhooks can arrive before the 202); `--webhook-duplicates RATE` delivers a
// delivered event once more with the same webhook-id (at-least-once delivery). The CLI and
// startMockGateway share these rules.

export interface LatencyRange {
  minMs: number;
  maxMs: number;
}

/** The longest latency the mock takes: a minute, as for `dispatch-delay`. */
export const MAX_LATENCY_MS = 60_000;

/** `200` or `100-500` (milliseconds), or why not. */
export function parseLatency(text: string): LatencyRange | { error: string } {
  const match = /^(\d+)(?:-(\d+))?$/.exec(text.trim());
  const error = `must be MIN or MIN-MAX in milliseconds (0–${MAX_LATENCY_MS}), MIN ≤ MAX, not "${text}"`;
  if (match === null) return { error };
  const minMs = Number(match[1]);
  const maxMs = match[2] === undefined ? minMs : Number(match[2]);
  if (maxMs > MAX_LATENCY_MS || minMs > maxMs) return { error };
  return { minMs, maxMs };
}

/** A chance from 0 to 1, or why not. */
export function parseRate(text: string): number | { error: string } {
  const rate = /^(?:\d+(?:\.\d*)?|\.\d+)$/.test(text.trim()) ? Number(text) : Number.NaN;
  return rate >= 0 && rate <= 1 ? rate : { error: `must be a number from 0 to 1, not "${text}"` };
}

/** Why a range or a rate given in-process is not usable, or undefined when it is. */
export function checkChaos({
  latency,
  duplicateRate,
}: {
  latency?: LatencyRange;
  duplicateRate?: number;
}): string | undefined {
  if (latency !== undefined) {
    const { minMs, maxMs } = latency;
    if (
      !(Number.isInteger(minMs) && Number.isInteger(maxMs) && minMs >= 0 && minMs <= maxMs && maxMs <= MAX_LATENCY_MS)
    ) {
      return `latency must be whole milliseconds with 0 ≤ minMs ≤ maxMs ≤ ${MAX_LATENCY_MS}`;
    }
  }
  if (duplicateRate !== undefined && !(duplicateRate >= 0 && duplicateRate <= 1))
    return 'webhookDuplicates must be from 0 to 1';
  return undefined;
}

/** A latency drawn evenly from the range, both ends included. */
export function drawLatency({ minMs, maxMs }: LatencyRange, random: () => number = Math.random): number {
  return minMs + Math.floor(random() * (maxMs - minMs + 1));
}

/** How the CLI says a range: `200 ms`, `100–500 ms`. */
export const describeLatency = ({ minMs, maxMs }: LatencyRange) =>
  minMs === maxMs ? `${minMs} ms` : `${minMs}–${maxMs} ms`;
