// Correlates a command's 202 with its `command.result` webhook by `operation_id`, so a
// caller can write `const result = await tracker.track(await client.hangup(uuid))`.
//
// A hangup's `command.result` is sent right after dispatch and can reach the receiver before
// the caller has read the 202: results that arrive before `track` are buffered (bounded in
// count and age) and `track` resolves from the buffer.
import type { CommandResultEvent, DeferredOperation, Problem } from '@call-control/types';

/** What `track` accepts: an envelope, a client call's result, or a bare operation_id. */
export type Trackable = DeferredOperation | { data?: DeferredOperation; error?: Problem | unknown } | string;

export interface OperationTrackerOptions {
  /** How long `track` waits for the result before it rejects; default 30 s. */
  timeoutMs?: number;
  /** At most this many early results are kept; the oldest are dropped first. Default 1,000. */
  maxBuffered?: number;
  /** Early results older than this are dropped; default 5 min. */
  bufferTtlMs?: number;
}

export class OperationTimeoutError extends Error {
  override readonly name = 'OperationTimeoutError';
  constructor(
    readonly operationId: string,
    readonly timeoutMs: number,
  ) {
    super(`no command.result for operation ${operationId} within ${timeoutMs} ms`);
  }
}

/** `track` was given a call that failed: there is no operation to wait for. */
export class CommandRejectedError extends Error {
  override readonly name = 'CommandRejectedError';
  constructor(readonly problem: unknown) {
    const detail = (problem as Partial<Problem> | undefined)?.detail;
    super(`the command was rejected, so it has no result to track${detail ? `: ${detail}` : ''}`);
  }
}

export interface OperationTracker {
  track(operation: Trackable, options?: { timeoutMs?: number }): Promise<CommandResultEvent>;
  /** Feeds a `command.result` (the webhook handler calls this). */
  settle(event: CommandResultEvent): void;
  /** How many results arrived before anyone tracked them, and are still kept. */
  readonly buffered: number;
  /** How many `track` calls are waiting. */
  readonly waiting: number;
}

function operationIdOf(operation: Trackable): string {
  if (typeof operation === 'string') return operation;
  if ('operation_id' in operation && typeof operation.operation_id === 'string') return operation.operation_id;
  const call = operation as { data?: DeferredOperation; error?: unknown };
  if (call.error !== undefined && call.error !== null) throw new CommandRejectedError(call.error);
  if (call.data?.operation_id === undefined) throw new TypeError('track: no operation_id in what it was given');
  return call.data.operation_id;
}

export function createOperationTracker({
  timeoutMs = 30_000,
  maxBuffered = 1_000,
  bufferTtlMs = 5 * 60_000,
}: OperationTrackerOptions = {}): OperationTracker {
  const early = new Map<string, { event: CommandResultEvent; at: number }>();
  const waiters = new Map<string, Set<(event: CommandResultEvent) => void>>();

  const dropStale = () => {
    const oldest = Date.now() - bufferTtlMs;
    for (const [id, { at }] of early) {
      if (at >= oldest && early.size <= maxBuffered) break;
      early.delete(id);
    }
  };

  return {
    get buffered() {
      dropStale();
      return early.size;
    },
    get waiting() {
      let count = 0;
      for (const set of waiters.values()) count += set.size;
      return count;
    },
    settle(event) {
      const id = event.data.operation_id;
      const waiting = waiters.get(id);
      if (waiting !== undefined) {
        waiters.delete(id);
        for (const resolve of waiting) resolve(event);
      } else {
        early.set(id, { event, at: Date.now() });
        dropStale();
      }
    },
    track(operation, options = {}) {
      let id: string;
      try {
        id = operationIdOf(operation);
      } catch (error) {
        return Promise.reject(error);
      }
      dropStale();
      const arrived = early.get(id);
      if (arrived !== undefined) {
        early.delete(id);
        return Promise.resolve(arrived.event);
      }
      const limit = options.timeoutMs ?? timeoutMs;
      return new Promise<CommandResultEvent>((resolve, reject) => {
        const waiting = waiters.get(id) ?? new Set();
        waiters.set(id, waiting);
        const onResult = (event: CommandResultEvent) => {
          clearTimeout(timer);
          resolve(event);
        };
        const timer = setTimeout(() => {
          waiting.delete(onResult);
          if (waiting.size === 0) waiters.delete(id);
          reject(new OperationTimeoutError(id, limit));
        }, limit);
        waiting.add(onResult);
      });
    },
  };
}
