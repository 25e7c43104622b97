// @ts-check
// The inspector's "Requests" view: what the app sent to the API for the session shown, with the
// answer it got — from the request journal (GET /__mock/requests), not from the stream: the
// journal holds the headers and the body as received. Read again when the stream reports a
// command on that session, and cleared by a reset. Its own module so that the page's timeline
// and this view change apart.
// biome-ignore lint/suspicious/noRedundantUseStrict: a classic script in the page, not a module: without it, it would run in sloppy mode
'use strict';

/** @typedef {Schemas['JournaledRequest']} JournaledRequest */

/**
 * Opens the view on its list element. `headers()` gives the credentials for each read.
 * @param {{ list: HTMLElement, headers: () => Record<string, string> }} options
 */
// biome-ignore lint/correctness/noUnusedVariables: called by inspector.js, the page's script after this one
function openRequestsView({ list, headers }) {
  /** @type {string | undefined} */
  let session;
  let reading = 0;

  /** @param {JournaledRequest} request */
  const item = (request) => {
    const row = document.createElement('li');
    row.className = 'request';
    row.dataset.status = String(request.status);
    const line = document.createElement('div');
    line.className = 'line';
    const parts = [
      `${request.method} ${request.command ?? request.path}`,
      String(request.status),
      request.problem_type === null ? (request.operation_id ?? '') : request.problem_type.split('/').at(-1),
      request.at.slice(11, 23),
    ];
    for (const [i, text] of parts.entries()) {
      const span = document.createElement('span');
      span.className = ['name', 'status-code', 'meta', 'time'][i] ?? 'meta';
      span.textContent = text ?? '';
      line.append(span);
    }
    const sent = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = 'sent';
    const pre = document.createElement('pre');
    const shownHeaders = Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`);
    pre.textContent = `${shownHeaders.join('\n')}\n\n${request.body ?? '(body not read)'}${request.body_truncated ? ' …' : ''}`;
    sent.append(summary, pre);
    row.append(line, sent);
    return row;
  };

  const read = async () => {
    const shown = session;
    const ticket = ++reading;
    if (shown === undefined) return list.replaceChildren();
    const response = await fetch(`/__mock/requests?session=${encodeURIComponent(shown)}&limit=1000`, {
      headers: headers(),
    }).catch(() => undefined);
    if (response === undefined || !response.ok || ticket !== reading) return;
    /** @type {Schemas['RequestList']} */
    const page = await response.json();
    list.replaceChildren(...page.requests.map(item));
  };

  return {
    /** Shows the requests of this session (none: an empty view). @param {string | undefined} uuid */
    show(uuid) {
      if (uuid === session) return;
      session = uuid;
      void read();
    },
    /** The stream reported a command: read again if it was on the session shown. @param {string | null} uuid */
    commanded(uuid) {
      if (uuid !== null && uuid === session) void read();
    },
    /**
     * A request was refused: the stream names no session for it (anyone may send one), but the
     * journal files it under the session its path names, which may be the one shown.
     */
    refused() {
      if (session !== undefined) void read();
    },
    /** A reset forgot every request. */
    cleared() {
      session = undefined;
      list.replaceChildren();
    },
  };
}
