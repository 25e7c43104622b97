// The event stream: the hub on a real node:http server (history, Last-Event-ID, a reader that
// stops reading), and the gateway's stream as a subscriber sees it — every message valid
// against the control plane's StreamMessage schema.
import { createServer, get, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createEventStream, EVENT_STREAM_HEADERS, type EventStream } from '../../src/workbench/event-stream.js';
import { control, readStream, type StreamMessage } from '../support/control-plane.js';
import { newSession, startGateway } from '../support/gateway.js';

/** Serves one hub on 127.0.0.1, as the gateway does. */
async function serve(stream: EventStream): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(200, EVENT_STREAM_HEADERS);
    stream.open(req.headers['last-event-id'] as string | undefined)!(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The ids a fresh subscriber is sent first (with `lastEventId`, if given). */
async function replayedIds(url: string, lastEventId?: string): Promise<string[]> {
  const response = await fetch(url, { headers: lastEventId === undefined ? {} : { 'last-event-id': lastEventId } });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  const { value } = await reader.read(); // the history is written at once, in one chunk
  await reader.cancel();
  return [...value!.matchAll(/^id: (\d+)$/gm)].map((match) => match[1]!);
}

/** What a stream sent until `marker` came, or until it ended (a test then fails on what is missing, not on a timeout). */
async function readUntil(reader: ReadableStreamDefaultReader<string>, marker: string): Promise<string> {
  let text = '';
  while (!text.includes(marker)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += value;
  }
  return text;
}

it('clearHistory forgets the history: a new subscriber gets only what came after; ids go on', async () => {
  const stream = createEventStream({ historySize: 5 });
  const served = await serve(stream);
  try {
    for (let i = 1; i <= 4; i++) stream.publish('command', { n: i });
    stream.clearHistory();
    stream.publish('reset', {});
    expect(await replayedIds(served.url)).toEqual(['5']);
    expect(await replayedIds(served.url, '2')).toEqual(['5']);
  } finally {
    stream.close();
    await new Promise((resolve) => served.server.close(resolve));
  }
});

describe('createEventStream', () => {
  let stream: EventStream;
  let served: { url: string; server: Server };
  beforeAll(async () => {
    stream = createEventStream({ historySize: 3 });
    served = await serve(stream);
    for (let i = 1; i <= 5; i++) stream.publish('command', { n: i });
  });
  afterAll(async () => {
    stream.close();
    await new Promise((resolve) => served.server.close(resolve));
  });

  it.each([
    ['no Last-Event-ID: the whole history (the last 3 of 5)', undefined, ['3', '4', '5']],
    ['Last-Event-ID 4: what came after it', '4', ['5']],
    ['Last-Event-ID 1, forgotten since: what is still held', '1', ['3', '4', '5']],
    ['an id from before a restart (ahead of this run): the whole history', '99', ['3', '4', '5']],
    ['an id that is not a number: the whole history', 'abc', ['3', '4', '5']],
  ])('%s', async (_name, lastEventId, ids) => {
    expect(await replayedIds(served.url, lastEventId)).toEqual(ids);
  });

  it('sends each event to every subscriber, and forgets those that left', async () => {
    const readers = await Promise.all([0, 1].map(() => fetch(served.url)));
    await vi.waitFor(() => expect(stream.subscribers).toBe(2));
    stream.publish('session', { n: 6 });
    for (const response of readers) {
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      const text = await readUntil(reader, 'id: 6');
      expect(text).toContain('id: 6\nevent: session\ndata: {"n":6}\n\n');
      await reader.cancel();
    }
    await vi.waitFor(() => expect(stream.subscribers).toBe(0));
  });
});

it('drops a subscriber that stopped reading instead of buffering for it without end', async () => {
  const stream = createEventStream({ historySize: 1, maxBufferedBytes: 64 * 1024 });
  const served = await serve(stream);
  try {
    const response = new Promise<IncomingMessage>((resolve) => {
      get(served.url, (res) => resolve(res.pause())); // reads nothing more
    });
    await vi.waitFor(() => expect(stream.subscribers).toBe(1));
    const big = { text: 'x'.repeat(64 * 1024) };
    // Bounded: the kernel's socket buffers fill within a few MB.
    for (let i = 0; i < 2_000 && stream.subscribers > 0; i++) {
      stream.publish('delivery', big);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(stream.subscribers).toBe(0);
    // Reading again, the client finds the connection cut (not an answer that goes on).
    const res = await response;
    await new Promise((resolve) => res.on('close', resolve).on('error', resolve).resume());
    expect(res.complete).toBe(false);
  } finally {
    stream.close();
    await new Promise((resolve) => served.server.close(resolve));
  }
});

it('does not drop a new subscriber for the history it was just sent', async () => {
  const stream = createEventStream({ historySize: 200, maxHistoryBytes: 4 * 2 ** 20, maxBufferedBytes: 64 * 1024 });
  const chunk = { text: 'x'.repeat(16 * 1024) };
  for (let i = 0; i < 200; i++) stream.publish('delivery', chunk); // 3.2 MB of history
  // An event published the moment the history is written, before the client read any of it.
  const server = createServer((_req, res) => {
    res.writeHead(200, EVENT_STREAM_HEADERS);
    stream.open(undefined)!(res);
    stream.publish('command', { last: true });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const text = await readUntil(reader, '{"last":true}');
    expect(text).toContain('{"last":true}');
    expect(text.match(/^event: delivery$/gm)).toHaveLength(200);
    expect(stream.subscribers).toBe(1);
    await reader.cancel();
  } finally {
    stream.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

it('sends the whole replay when the socket buffers more than a batch before pushing back (64 KiB by default from Node 22 on)', async () => {
  const stream = createEventStream({ historySize: 100, maxHistoryBytes: 4 * 2 ** 20, maxBufferedBytes: 64 * 1024 });
  for (let i = 0; i < 100; i++) stream.publish('delivery', { text: 'x'.repeat(8 * 1024) }); // 800 KB, a batch is 32 KiB
  const server = createServer({ highWaterMark: 1024 * 1024 }, (_req, res) => {
    res.writeHead(200, EVENT_STREAM_HEADERS);
    stream.open(undefined)!(res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    const text = await readUntil(reader, 'id: 100\n');
    expect(text.match(/^event: delivery$/gm)).toHaveLength(100);
    await reader.cancel();
  } finally {
    stream.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('bounds', () => {
  it('keeps at most maxHistoryBytes of history, the oldest forgotten first, and replays only that', async () => {
    const stream = createEventStream({ historySize: 1_000, maxHistoryBytes: 1024 * 1024 });
    const served = await serve(stream);
    try {
      for (let i = 0; i < 100; i++) stream.publish('delivery', { text: 'x'.repeat(100 * 1024) });
      const { events, bytes } = stream.history;
      expect(bytes).toBeLessThanOrEqual(1024 * 1024);
      expect(events).toBe(10);
      const response = await fetch(served.url);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      const text = await readUntil(reader, 'id: 100\n');
      expect([...text.matchAll(/^id: (\d+)$/gm)].map((match) => Number(match[1]))).toEqual(
        Array.from({ length: 10 }, (_, i) => 91 + i),
      );
      await reader.cancel();
    } finally {
      stream.close();
      await new Promise((resolve) => served.server.close(resolve));
    }
  });

  it('writes the replay only as fast as the subscriber reads: a reader that reads nothing holds no copy of it', async () => {
    const stream = createEventStream({ historySize: 200, maxHistoryBytes: 16 * 2 ** 20 });
    for (let i = 0; i < 200; i++) stream.publish('delivery', { text: 'x'.repeat(64 * 1024) }); // 12.8 MB
    let buffered = () => 0;
    const server = createServer((_req, res) => {
      res.writeHead(200, EVENT_STREAM_HEADERS);
      stream.open(undefined)!(res);
      buffered = () => res.writableLength;
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      get(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, (res) => res.pause()); // reads nothing
      await vi.waitFor(() => expect(stream.subscribers).toBe(1));
      await new Promise((resolve) => setTimeout(resolve, 300));
      // Besides what the kernel took, at most one batch of the replay (256 KiB) and one event wait here.
      expect(buffered()).toBeLessThan(512 * 1024);
      expect(stream.subscribers).toBe(1);
    } finally {
      stream.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('drops a subscriber whose replay falls behind what the history still holds', async () => {
    const stream = createEventStream({ historySize: 50, maxHistoryBytes: 16 * 2 ** 20 });
    for (let i = 0; i < 50; i++) stream.publish('delivery', { text: 'x'.repeat(256 * 1024) });
    const served = await serve(stream);
    try {
      get(served.url, (res) => res.pause());
      await vi.waitFor(() => expect(stream.subscribers).toBe(1));
      for (let i = 0; i < 50 && stream.subscribers > 0; i++) {
        stream.publish('command', { n: i });
        await new Promise((resolve) => setImmediate(resolve));
      }
      expect(stream.subscribers).toBe(0);
    } finally {
      stream.close();
      served.server.closeAllConnections();
      await new Promise((resolve) => served.server.close(resolve));
    }
  });

  it('grants at most maxSubscribers places, and a place again once one is left', async () => {
    const stream = createEventStream({ historySize: 10, maxSubscribers: 2 });
    const served = await serve(stream);
    try {
      const [first, second] = [new AbortController(), new AbortController()];
      // Both responses are held to the end: a stream response nobody holds is collected, and
      // undici then closes its connection (the subscriber would leave on its own).
      const held = [
        await fetch(served.url, { signal: first.signal }),
        await fetch(served.url, { signal: second.signal }),
      ];
      await vi.waitFor(() => expect(stream.subscribers).toBe(2));
      expect(stream.open(undefined)).toBeUndefined();
      first.abort();
      await vi.waitFor(() => expect(stream.subscribers).toBe(1));
      expect(stream.open(undefined)).toBeTypeOf('function');
      expect(held.map((response) => response.status)).toEqual([200, 200]);
      second.abort();
    } finally {
      stream.close();
      served.server.closeAllConnections();
      await new Promise((resolve) => served.server.close(resolve));
    }
  });
});

it('GET /__mock/events past --max-stream-subscribers: 503, naming the flag', async () => {
  const gateway = await startGateway({ maxStreamSubscribers: 2 });
  const open = [new AbortController(), new AbortController()];
  try {
    // Held to the end: a stream response nobody holds is collected, and its connection closed.
    const held = [];
    for (const { signal } of open) held.push(await fetch(`${gateway.url}/__mock/events`, { signal }));
    const { response, body } = await control(gateway.url, 'GET', '/__mock/events');
    expect([response.status, response.headers.get('retry-after'), body.type, body.title]).toEqual([
      503,
      '5',
      expect.stringMatching(/\/mock-too-many-subscribers$/),
      'Too many subscribers',
    ]);
    expect(held.map((response) => response.status)).toEqual([200, 200]);
    expect(body.detail).toContain('--max-stream-subscribers');
    open[0]!.abort();
    await vi.waitFor(async () => {
      const again = new AbortController();
      const status = (await fetch(`${gateway.url}/__mock/events`, { signal: again.signal })).status;
      again.abort();
      expect(status).toBe(200);
    });
  } finally {
    for (const controller of open) controller.abort();
    await gateway.close();
  }
});

describe('GET /__mock/events', () => {
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  beforeAll(async () => {
    gateway = await startGateway({ journalSize: 50 });
  });
  afterAll(() => gateway.close());

  it('delivers a command’s event within 1 s of its answer, with its session change and deliveries', async () => {
    const session = newSession();
    let answered = 0;
    let arrived = 0;
    let operationId = '';
    const forSession = (messages: StreamMessage[]) => messages.filter(({ data }) => data.session_uuid === session);
    const messages = await readStream(
      gateway.url,
      (all) => {
        const done = forSession(all).some(({ event }) => event === 'command');
        if (done && arrived === 0) arrived = performance.now();
        return done && forSession(all).length >= 4;
      },
      {
        onOpen: async () => {
          const response = await gateway.command(session.toUpperCase(), 'answer');
          answered = performance.now();
          operationId = (await response.json()).operation_id;
        },
      },
    );
    expect(arrived - answered).toBeLessThan(1_000);
    const mine = forSession(messages);
    expect(mine.find(({ event }) => event === 'command')!.data).toMatchObject({
      method: 'POST',
      path: `/api/v1/sessions/${session.toUpperCase()}/commands/answer`,
      status: 202,
      command: 'answer',
      operation_id: operationId,
      replayed: false,
      latency_ms: 0,
    });
    expect(mine.filter(({ event }) => event === 'session').map(({ data }) => data.state)).toEqual([
      'ringing',
      'answered',
    ]);
    expect(mine.filter(({ event }) => event === 'delivery').map(({ data }) => [data.type, data.state])).toEqual([
      ['call.answered', 'not_sent'],
      ['command.result', 'not_sent'],
    ]);
    // Ids grow by one, so Last-Event-ID can resume.
    const ids = messages.map(({ id }) => Number(id));
    expect(ids).toEqual(ids.map((_, i) => ids[0]! + i));
  });

  it('ends the stream when the gateway stops', async () => {
    const own = await startGateway();
    const response = await fetch(`${own.url}/__mock/events`);
    const reader = response.body!.getReader();
    await reader.read(); // retry: and the (empty) history
    await own.close();
    let done = false;
    while (!done) ({ done } = await reader.read());
    expect(done).toBe(true);
  });
});
