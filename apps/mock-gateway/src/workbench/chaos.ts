// Chaos for receivers and clients, off by default: what production does now and then, on
// demand. `--latency MIN[-MAX]` holds each command's response for that long after the command
// ran (so its webhooks can arrive before the 202); `--webhook-duplicates RATE` delivers a
// delivered event once more with the same webhook-id (at-least-once delivery). Their rules
// are resolve-options.ts's, with every other option's.

export interface LatencyRange {
  minMs: number;
  maxMs: number;
}

/** The longest latency the mock takes: a minute, as for `dispatch-delay`. */
export const MAX_LATENCY_MS = 60_000;

/** A latency drawn evenly from the range, both ends included. */
export function drawLatency({ minMs, maxMs }: LatencyRange, random: () => number = Math.random): number {
  return minMs + Math.floor(random() * (maxMs - minMs + 1));
}

/** How the CLI says a range: `200 ms`, `100–500 ms`. */
export const describeLatency = ({ minMs, maxMs }: LatencyRange) =>
  minMs === maxMs ? `${minMs} ms` : `${minMs}–${maxMs} ms`;
