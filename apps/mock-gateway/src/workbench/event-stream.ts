// The live feed of what the mock does (`GET /__mock/events`, Server-Sent Events): one event
// per command handled, per session change and per delivery change (each attempt included),
// as it happens, and one when a reset forgot everything. A bounded history is kept so a page opened (or reconnected, with
// `Last-Event-ID`) later still sees what came before; publishing costs one small object when
// nobody listens, and one serialisation per event however many listen.
import type { ServerResponse } from 'node:http';
import type { Session } from '../commands/sessions.js';
import { isoTime } from '../shared/clock.js';

export type StreamEventKind = 'command' | 'session' | 'delivery' | 'reset';

interface StreamEvent {
  id: number;
  kind: StreamEventKind;
  data: object;
}

export interface EventStreamOptions {
  /** How many past events a new subscriber is sent first. */
  historySize: number;
  /** A comment line this often keeps idle connections (and proxies) from timing out. */
  keepAliveMs?: number;
  /** A subscriber that has not read this much of what it was sent live (beyond its history) is dropped, not buffered for. */
  maxBufferedBytes?: number;
}

const format = ({ id, kind, data }: StreamEvent) => `id: ${id}\nevent: ${kind}\ndata: ${JSON.stringify(data)}\n\n`;

/** What the stream says of a session, new or changed. */
export const sessionStreamEvent = ({ uuid, state, startedAt }: Session) => ({
  session_uuid: uuid,
  state,
  started_at: isoTime(startedAt),
});

export const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-store',
  // Events must not wait in a proxy's buffer.
  'x-accel-buffering': 'no',
};

export function createEventStream({
  historySize,
  keepAliveMs = 15_000,
  maxBufferedBytes = 1024 * 1024,
}: EventStreamOptions) {
  // A ring: the slot of event `id` is `id % historySize`, so the oldest is overwritten in O(1).
  const history: (StreamEvent | undefined)[] = new Array(historySize);
  // The first id the history can hold: a reset forgets the events before it.
  let firstId = 1;
  const subscribers = new Set<ServerResponse>();
  // What each subscriber may leave unread: its history (sent at once) plus maxBufferedBytes.
  const allowance = new WeakMap<ServerResponse, number>();
  let lastId = 0;
  let keepAlive: NodeJS.Timeout | undefined;

  const write = (res: ServerResponse, text: string) => {
    if (res.writableLength > (allowance.get(res) ?? maxBufferedBytes)) {
      res.destroy(); // a reader that stopped reading; 'close' unsubscribes it
      return;
    }
    res.write(text);
  };

  /** The events after `afterId` that are still in the history, oldest first. */
  const since = (afterId: number): StreamEvent[] => {
    const first = Math.max(afterId + 1, lastId - historySize + 1, firstId);
    const events: StreamEvent[] = [];
    for (let id = first; id <= lastId; id++) events.push(history[id % historySize]!);
    return events;
  };

  const unsubscribe = (res: ServerResponse) => {
    subscribers.delete(res);
    if (subscribers.size === 0 && keepAlive !== undefined) {
      clearInterval(keepAlive);
      keepAlive = undefined;
    }
  };

  return {
    get subscribers() {
      return subscribers.size;
    },
    publish(kind: StreamEventKind, data: object): void {
      const event = { id: ++lastId, kind, data };
      history[event.id % historySize] = event;
      if (subscribers.size === 0) return;
      const text = format(event);
      for (const res of subscribers) write(res, text);
    },
    /**
     * Takes over a response whose headers are written: the history after `lastEventId` (all
     * of it when absent or not a number), then every event as it is published.
     */
    subscribe(res: ServerResponse, lastEventId: string | undefined): void {
      const after = lastEventId !== undefined && /^\d+$/.test(lastEventId) ? Number(lastEventId) : 0;
      // An id from before a restart is ahead of this run's ids: start from the beginning.
      let replayed = 0;
      // Event by event, so a long history is never one huge string; corked, so it leaves in one go.
      res.cork();
      res.write('retry: 1000\n\n');
      for (const event of since(after > lastId ? 0 : after)) {
        const text = format(event);
        replayed += Buffer.byteLength(text);
        res.write(text);
      }
      res.uncork();
      allowance.set(res, replayed + maxBufferedBytes);
      subscribers.add(res);
      res.on('close', () => unsubscribe(res));
      keepAlive ??= setInterval(() => {
        for (const subscriber of subscribers) write(subscriber, ': keep-alive\n\n');
      }, keepAliveMs).unref();
    },
    /** Forgets the history (a reset): a new subscriber gets only what comes after. Ids go on. */
    clearHistory(): void {
      history.fill(undefined); // in place: a new array of this size would be a large allocation, and a collection
      firstId = lastId + 1;
    },
    /** Ends every subscriber's response (shutdown). */
    close(): void {
      for (const res of subscribers) res.end();
      subscribers.clear();
      clearInterval(keepAlive);
      keepAlive = undefined;
    },
  };
}

export type EventStream = ReturnType<typeof createEventStream>;
