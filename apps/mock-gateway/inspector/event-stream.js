// The mock's event stream (GET /__mock/events, Server-Sent Events) read with fetch, because
// EventSource cannot send the X-App-ID/X-API-Key headers a mock started with --app-id/--api-key
// asks for. Reconnects after a second, resuming after the last event seen (Last-Event-ID).
'use strict';

/** One event block (`id:`, `event:`, `data:` lines); comments (`:`) and `retry:` are ignored. */
function parseEventBlock(block) {
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
 * Opens the stream. `headers()` is asked on every (re)connection; `onEvent(kind, data)` gets
 * each event; `onStatus(status, detail)` hears `live`, `reconnecting` and `unauthorized` (then it
 * waits for `reconnect()`).
 */
function openEventStream({ url, headers, onEvent, onStatus }) {
  let lastId;
  let controller;
  let timer;

  async function read(response) {
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value.replace(/\r\n?/g, '\n');
      for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
        const event = parseEventBlock(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
        if (event.id !== undefined) lastId = event.id;
        if (event.data !== undefined) onEvent(event.kind, JSON.parse(event.data));
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
        const problem = await response.json().catch(() => ({}));
        onStatus('unauthorized', problem.detail ?? 'The credentials were refused.');
        return;
      }
      if (!response.ok || response.body === null) throw new Error(`HTTP ${response.status}`);
      onStatus('live');
      await read(response);
    } catch {
      // A dropped connection or a stopped server: try again below.
    }
    if (signal.aborted) return;
    onStatus('reconnecting');
    timer = setTimeout(connect, 1000);
  }

  connect();
  return {
    reconnect() {
      clearTimeout(timer);
      controller.abort();
      connect();
    },
  };
}
