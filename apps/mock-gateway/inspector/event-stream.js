// @ts-check
// The mock's event stream (GET /__mock/events, Server-Sent Events) read with fetch, because
// EventSource cannot send the X-App-ID/X-API-Key headers a mock started with --app-id/--api-key
// asks for. Reconnects after a second, resuming after the last event seen (Last-Event-ID).
// The shapes it reads are the control plane's own (openapi/control-plane.yaml), as types that
// `pnpm lint` derives from it before it type-checks this file.
// biome-ignore lint/suspicious/noRedundantUseStrict: a classic script in the page, not a module: without it, it would run in sloppy mode
'use strict';

/** @typedef {import('../src/control/generated/control-plane.js').components['schemas']} Schemas */
/** @typedef {Schemas['StreamMessage']} StreamMessage One event of the stream: its id, its name and its data. */
/** @typedef {Schemas['Problem']} Problem */
/** @typedef {'live' | 'reconnecting' | 'unauthorized'} StreamStatus */

/**
 * One event block (`id:`, `event:`, `data:` lines); comments (`:`) and `retry:` are ignored.
 * @param {string} block
 */
function parseEventBlock(block) {
  /** @type {{ id: string | undefined, kind: string, data: string | undefined }} */
  const event = { id: undefined, kind: 'message', data: undefined };
  const data = [];
  for (const line of block.split('\n')) {
    const colon = line.indexOf(':');
    if (colon === 0) continue;
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
    if (field === 'id') event.id = value;
    else if (field === 'event') event.kind = value;
    else if (field === 'data') data.push(value);
  }
  if (data.length > 0) event.data = data.join('\n');
  return event;
}

/**
 * Opens the stream. `headers()` is asked on every (re)connection; `onEvent` gets each event;
 * `onStatus` hears `live`, `reconnecting` and `unauthorized` (then it waits for `reconnect()`).
 * @param {{
 *   url: string,
 *   headers: () => Record<string, string>,
 *   onEvent: (message: StreamMessage) => void,
 *   onStatus: (status: StreamStatus, detail?: string) => void,
 * }} options
 */
// biome-ignore lint/correctness/noUnusedVariables: a global of the page's scripts, called by inspector.js (loaded after this one)
function openEventStream({ url, headers, onEvent, onStatus }) {
  /** @type {string | undefined} */
  let lastId;
  let controller = new AbortController();
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;

  /** @param {ReadableStream<BufferSource>} body */
  async function read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const { id, kind, data } = parseEventBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (id !== undefined) lastId = id;
        // The stream's events are those the control plane documents: `event` names the data's shape.
        if (data !== undefined) onEvent(/** @type {StreamMessage} */ ({ id, event: kind, data: JSON.parse(data) }));
      }
    }
  }

  async function connect() {
    controller = new AbortController();
    const signal = controller.signal;
    try {
      const response = await fetch(url, {
        headers: {
          accept: 'text/event-stream',
          ...headers(),
          ...(lastId === undefined ? {} : { 'last-event-id': lastId }),
        },
        cache: 'no-store',
        signal,
      });
      if (response.status === 401) {
        /** @type {Partial<Problem>} */
        const problem = await response.json().catch(() => ({}));
        onStatus('unauthorized', problem.detail ?? 'The credentials were refused.');
        return;
      }
      if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
      onStatus('live');
      await read(response.body);
    } catch {
      // A dropped connection or a stopped server: try again below.
    }
    if (signal.aborted) return;
    onStatus('reconnecting');
    timer = setTimeout(connect, 1000);
  }

  // connect() never rejects: it catches what fails, and tries again.
  void connect();
  return {
    reconnect() {
      clearTimeout(timer);
      controller.abort();
      void connect();
    },
  };
}
