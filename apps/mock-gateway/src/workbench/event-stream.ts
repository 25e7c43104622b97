// The live feed of what the mock does (`GET /__mock/events`, Server-Sent Events): one event
// per command handled, per session change and per delivery change (each attempt included),
// as it happens, and one when a reset forgot everything. A history is kept so a page opened (or reconnected, with `Last-Event-ID`)
// later still sees what came before. Every part of it is bounded, so neither a flood of
// events nor readers that stop reading can grow the mock: the history holds at most
// `historySize` events and `maxHistoryBytes` of what they hold; at most `maxSubscribers`
// follow it at once; a subscriber is sent its replay only as fast as it reads
// (backpressure), with no allowance of its own, and one that does not keep up is dropped, not
// buffered for. Publishing costs one small object when nobody listens (each event is
// serialised only for a subscriber: once for all of them live, on demand for a replay).
import type { ServerResponse } from 'node:http';
import type { Session } from '../commands/sessions.js';
import { isoTime } from '../common/clock.js';

export type StreamEventKind = 'command' | 'session' | 'delivery' | 'reset';

/** How many may follow the stream at once, by default (`--max-stream-subscribers`). */
export const DEFAULT_MAX_SUBSCRIBERS = 32;
/** How much the history's events may hold, by default: 2 MiB, however many events that is. */
export const DEFAULT_MAX_HISTORY_BYTES = 2 * 1024 * 1024;

/** How much of the replay is written before waiting for the subscriber to read it. */
const REPLAY_BATCH_BYTES = 256 * 1024;

export interface EventStreamOptions {
  /** How many past events a new subscriber is sent first, at most. */
  historySize: number;
  /** How much the history's events may hold of their own (see ownBytes), at most: the oldest go first. */
  maxHistoryBytes?: number;
  /** How many may follow the stream at once. */
  maxSubscribers?: number;
  /** A comment line this often keeps idle connections (and proxies) from timing out. */
  keepAliveMs?: number;
  /** A subscriber that has left this much unread, replay and live events alike, is dropped. */
  maxBufferedBytes?: number;
}

/** Per event, besides its strings: the object and its slots. */
const EVENT_OVERHEAD_BYTES = 128;

/**
 * What an event holds of its own, counted without serialising it: its strings (a command's
 * path is one a client chooses, up to the header limit) and a slot per other value. What it
 * refers to (a delivery's payload and attempt) is the journal's, bounded there.
 */
function ownBytes(data: object): number {
  let bytes = EVENT_OVERHEAD_BYTES;
  // for…in, not Object.values: this runs for every event published, and makes no array.
  for (const key in data) {
    const value = (data as Record<string, unknown>)[key];
    bytes += typeof value === 'string' ? value.length : 8;
  }
  return bytes;
}

const format = (id: number, kind: StreamEventKind, data: object) =>
  `id: ${id}\nevent: ${kind}\ndata: ${JSON.stringify(data)}\n\n`;

interface Subscriber {
  /** The id of the last event written to it. */
  cursor: number;
  /** Caught up with the history: each event is written as it is published. */
  live: boolean;
}

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

/** Writes one piece of text (calling `flushed` once it has left for the socket), or drops a reader that has left more than `maxBufferedBytes` unread. */
function writeOrDrop(res: ServerResponse, text: string, maxBufferedBytes: number, flushed?: () => void) {
  if (res.writableLength > maxBufferedBytes)
    res.destroy(); // 'close' unsubscribes it
  else res.write(text, flushed);
}

export function createEventStream({
  historySize,
  maxHistoryBytes = DEFAULT_MAX_HISTORY_BYTES,
  maxSubscribers = DEFAULT_MAX_SUBSCRIBERS,
  keepAliveMs = 15_000,
  maxBufferedBytes = 1024 * 1024,
}: EventStreamOptions) {
  // A ring: event `id` is in slot `id % historySize` while firstId ≤ id ≤ lastId.
  // Kind and data side by side, not an object per event: the history holds a thousand or more.
  const kinds: (StreamEventKind | undefined)[] = new Array(historySize);
  const datas: (object | undefined)[] = new Array(historySize);
  const sizes = new Uint32Array(historySize);
  let firstId = 1;
  let lastId = 0;
  let historyBytes = 0;
  const subscribers = new Map<ServerResponse, Subscriber>();
  // Subscriptions granted whose response has not been handed over yet: they count toward the cap.
  let reserved = 0;
  let keepAlive: NodeJS.Timeout | undefined;
  const replayBatch = Math.min(REPLAY_BATCH_BYTES, maxBufferedBytes / 2);

  const forgetOldest = () => {
    const slot = firstId % historySize;
    historyBytes -= sizes[slot]!;
    kinds[slot] = undefined;
    datas[slot] = undefined;
    firstId += 1;
  };

  const write = (res: ServerResponse, text: string, flushed?: () => void) =>
    writeOrDrop(res, text, maxBufferedBytes, flushed);

  /** Writes the history after the subscriber's cursor as fast as it reads; then it is live. */
  const replay = (res: ServerResponse, subscriber: Subscriber) => {
    if (res.destroyed || !subscribers.has(res)) return;
    // Corked: each batch leaves in one write, not one per event.
    res.cork();
    try {
      while (subscriber.cursor < lastId) {
        // What it has not read yet is gone from the history: it reads slower than the mock writes.
        if (subscriber.cursor + 1 < firstId) return void res.destroy();
        subscriber.cursor += 1;
        const slot = subscriber.cursor % historySize;
        const text = format(subscriber.cursor, kinds[slot]!, datas[slot]!);
        // Past the batch (within the reader's allowance), the rest waits until what was written
        // has left for the reader. Not for 'drain': that comes only after a write() that returned
        // false, and a socket whose buffer is larger than the batch (64 KiB from Node 22 on) never
        // returns false for it, so the replay would wait forever.
        if (res.writableLength + text.length >= replayBatch) {
          write(res, text, () => replay(res, subscriber));
          return;
        }
        write(res, text);
        if (res.destroyed) return;
      }
      subscriber.live = true;
    } finally {
      res.uncork();
    }
  };

  const unsubscribe = (res: ServerResponse) => {
    subscribers.delete(res);
    if (subscribers.size === 0 && keepAlive !== undefined) {
      clearInterval(keepAlive);
      keepAlive = undefined;
    }
  };

  /** Takes over a response whose headers are written: the history after `after`, then every event as it is published. */
  const subscribe = (res: ServerResponse, after: number) => {
    reserved -= 1;
    if (res.destroyed) return;
    // An id from before a restart is ahead of this run's ids: start from the beginning.
    const from = after > lastId ? 0 : after;
    const subscriber: Subscriber = { cursor: Math.max(from, firstId - 1), live: false };
    subscribers.set(res, subscriber);
    res.on('close', () => unsubscribe(res));
    if (res.write('retry: 1000\n\n')) replay(res, subscriber);
    else res.once('drain', () => replay(res, subscriber));
    keepAlive ??= setInterval(() => {
      for (const [res, subscriber] of subscribers) if (subscriber.live) write(res, ': keep-alive\n\n');
    }, keepAliveMs).unref();
  };

  return {
    get subscribers() {
      return subscribers.size;
    },
    /** How many events the history holds now, and how many bytes they hold of their own. */
    get history() {
      return { events: lastId - firstId + 1, bytes: historyBytes };
    },
    publish(kind: StreamEventKind, data: object): void {
      const id = lastId + 1;
      if (id - firstId + 1 > historySize) forgetOldest();
      const slot = id % historySize;
      const size = ownBytes(data);
      kinds[slot] = kind;
      datas[slot] = data;
      sizes[slot] = size;
      historyBytes += size;
      lastId = id;
      while (historyBytes > maxHistoryBytes && firstId < lastId) forgetOldest();
      if (subscribers.size === 0) return;
      let text: string | undefined; // serialised once, for every live subscriber
      for (const [res, subscriber] of subscribers) {
        if (subscriber.live) {
          subscriber.cursor = id;
          text ??= format(id, kind, data);
          write(res, text);
        } else if (subscriber.cursor + 1 < firstId) res.destroy(); // still replaying, and fell out of the history
      }
    },
    /**
     * A subscription, or undefined when `maxSubscribers` already follow the stream: the
     * function takes over the response once its headers are written, and sends the history
     * after `lastEventId` (all of it when absent or not a number), then each event as it is
     * published. The place is held from now on, so two requests at once cannot both take the last one.
     */
    open(lastEventId: string | undefined): ((res: ServerResponse) => void) | undefined {
      if (subscribers.size + reserved >= maxSubscribers) return undefined;
      reserved += 1;
      const after = lastEventId !== undefined && /^\d+$/.test(lastEventId) ? Number(lastEventId) : 0;
      return (res) => subscribe(res, after);
    },
    /** The cap, for the refusal that names it. */
    maxSubscribers,
    /** Forgets the history (a reset): a new subscriber gets only what comes after. Ids go on. */
    clearHistory(): void {
      // In place: new arrays of this size would be a large allocation, and a collection.
      kinds.fill(undefined);
      datas.fill(undefined);
      sizes.fill(0);
      historyBytes = 0;
      firstId = lastId + 1;
      // A subscriber still being sent its replay has nothing left to be sent: it is live from here.
      for (const subscriber of subscribers.values()) subscriber.cursor = lastId;
    },
    /** Ends every subscriber's response (shutdown). */
    close(): void {
      for (const res of subscribers.keys()) res.end();
      subscribers.clear();
      clearInterval(keepAlive);
      keepAlive = undefined;
    },
  };
}

export type EventStream = ReturnType<typeof createEventStream>;
