// @ts-check
// The inspector: the sessions the mock knows and, per session, a timeline of its commands and
// webhooks (each webhook with its delivery attempts), built from the event stream alone; the
// buttons and the form call the control plane and the API on this same origin. What it reads
// is typed by the control plane's document (the Schemas of event-stream.js) and by the
// configuration the page is served with.
// biome-ignore lint/suspicious/noRedundantUseStrict: a classic script in the page, not a module: without it, it would run in sloppy mode
'use strict';

/** @typedef {import('../src/workbench/inspector-config.js').InspectorConfig} InspectorConfig */
/** @typedef {Schemas['CommandStreamEvent']} CommandStreamEvent */
/** @typedef {Schemas['Delivery']} Delivery */
/** @typedef {Schemas['DeliveryAttempt']} DeliveryAttempt */
/** @typedef {{ kind: 'command', at: number, order: 0, data: CommandStreamEvent }} CommandItem */
/** @typedef {{ kind: 'delivery', at: number, order: 1, data: Delivery }} DeliveryItem */
/** @typedef {{ uuid: string, state: string, seen: number, items: Map<string, CommandItem | DeliveryItem> }} SessionView */

/**
 * The element with this id; the page has each one the script asks for.
 * @param {string} id
 * @returns {HTMLElement}
 */
function $(id) {
  const found = document.getElementById(id);
  if (found === null) throw new Error(`the page has no #${id}`);
  return found;
}

/** @type {InspectorConfig} */
const config = JSON.parse($('mock-config').textContent ?? '{}');
/** Only in this page's memory: never stored, gone on reload. @type {{ appId: string, apiKey: string } | undefined} */
let credentials = config.credentialsRequired ? undefined : { appId: 'inspector', apiKey: 'inspector' };
/** @returns {Record<string, string>} */
const authHeaders = () =>
  credentials === undefined ? {} : { 'X-App-ID': credentials.appId, 'X-API-Key': credentials.apiKey };

// biome-ignore lint/correctness/noUndeclaredVariables: defined by requests-view.js, a page script before this one
const requests = openRequestsView({ list: $('requests'), headers: authHeaders });

/** @type {Map<string, SessionView>} uuid → the session and its timeline (a command or a delivery per item). */
const sessions = new Map();
/** @type {string | undefined} */
let selected;
let seen = 0;
/** @type {Set<string>} */
const openPayloads = new Set();

/** @param {string} uuid */
function sessionOf(uuid) {
  let session = sessions.get(uuid);
  if (session === undefined) {
    seen += 1;
    session = { uuid, state: 'ringing', seen, items: new Map() };
    sessions.set(uuid, session);
  }
  return session;
}

/** @param {StreamMessage} message */
function onEvent(message) {
  if (message.event === 'session') sessionOf(message.data.session_uuid).state = message.data.state;
  else if (message.event === 'command') {
    const { data } = message;
    if (data.session_uuid === null) {
      requests.refused(); // the stream names no session for a refused request
      return;
    }
    const at = Date.parse(data.at);
    sessionOf(data.session_uuid).items.set(`command:${at}:${++seen}`, { kind: 'command', at, order: 0, data });
    requests.commanded(data.session_uuid);
  } else if (message.event === 'delivery') {
    const { attempt, ...data } = message.data;
    const at = Date.parse(data.payload.timestamp);
    const { items } = sessionOf(data.session_uuid);
    // A change says the attempt just made: it joins those shown, kept as the journal keeps them (the first, the latest 20).
    const known = items.get(`delivery:${data.id}`);
    const attempts = known?.kind === 'delivery' ? [...known.data.attempts] : [];
    if (attempt !== null) attempts.push(attempt);
    if (attempts.length > 21) attempts.splice(1, 1);
    items.set(`delivery:${data.id}`, { kind: 'delivery', at, order: 1, data: { ...data, attempts } });
  } else if (message.event === 'reset') {
    // The mock forgot everything: so does the page.
    sessions.clear();
    selected = undefined;
    requests.cleared();
    scheduleRender();
    return;
  } else return;
  if (selected === undefined && message.event !== 'delivery') selected = message.data.session_uuid ?? undefined;
  scheduleRender();
}

/** @type {ReturnType<typeof setTimeout> | undefined} */
let pending;
function scheduleRender() {
  if (pending !== undefined) return;
  pending = setTimeout(() => {
    pending = undefined;
    render();
  }, 20);
}

/**
 * An element with its properties (`data-…` and `aria-current` as attributes) and children.
 * @template {keyof HTMLElementTagNameMap} Tag
 * @param {Tag} tag
 * @param {Record<string, unknown>} props
 * @param {(Node | string | undefined)[]} children
 * @returns {HTMLElementTagNameMap[Tag]}
 */
function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name.startsWith('data-') || name === 'aria-current') node.setAttribute(name, String(value));
    else Reflect.set(node, name, value);
  }
  node.append(...children.filter((child) => child !== undefined));
  return node;
}

/** @param {number} ms */
const clock = (ms) => new Date(ms).toISOString().slice(11, 23);
/** @param {string | null} id */
const short = (id) => (id === null ? '—' : `${id.slice(0, 8)}…`);

/** @param {CommandItem} item */
function commandItem({ at, data }) {
  const label = data.command === null ? `${data.method} ${data.path}` : data.command;
  // A refused command (4xx, 5xx) reads as a failure at a glance.
  return element(
    'li',
    {
      className: data.status >= 400 ? 'command failed' : 'command',
      'data-kind': 'command',
      'data-command': data.command ?? '',
      'data-status': String(data.status),
    },
    element(
      'div',
      { className: 'line' },
      element('span', { className: 'name' }, `→ ${label}`),
      element('span', { className: 'status-code' }, String(data.status)),
      element('span', { className: 'meta', title: data.operation_id ?? '' }, `operation ${short(data.operation_id)}`),
      data.replayed ? element('span', { className: 'meta replayed' }, 'replayed') : undefined,
      data.latency_ms > 0 ? element('span', { className: 'meta' }, `latency ${data.latency_ms} ms`) : undefined,
      element('span', { className: 'time' }, clock(at)),
    ),
  );
}

/**
 * The fact a reader looks for first in each webhook.
 * @param {Delivery['payload']} payload
 */
function gist(payload) {
  if (payload.type === 'command.result') return `${payload.data.command} ${payload.data.status}`;
  if (payload.type === 'call.hangup') return `${payload.data.hangup_cause} (${payload.data.hangup_source})`;
  return undefined;
}

/** @param {DeliveryAttempt} attempt */
function attemptItem(attempt) {
  const ok = typeof attempt.status === 'number' && attempt.status >= 200 && attempt.status < 300;
  const text = `#${attempt.number} ${attempt.status} ${attempt.duration_ms} ms${attempt.duplicate ? ' (duplicate)' : ''}`;
  // What the receiver answered: its status, and the start of its body (why it refused, often).
  const answered =
    attempt.response_body_start === undefined || attempt.response_body_start === ''
      ? undefined
      : element(
          'code',
          { className: 'body-start', title: 'the start of the receiver’s response body' },
          attempt.response_body_start,
        );
  return element('li', { className: ok ? 'ok' : 'failed', title: attempt.started_at }, text, answered);
}

/**
 * The headers a delivery is sent with: those of its last attempt (each attempt is signed
 * afresh), or, before any, only its webhook-id.
 * @param {Delivery} data
 */
function headersOf(data) {
  const last = data.attempts.at(-1);
  const headers = last?.request_headers ?? { 'webhook-id': data.id };
  return element(
    'dl',
    { className: 'headers', 'data-headers': 'request' },
    ...Object.entries(headers).flatMap(([name, value]) => [
      element('dt', {}, name),
      element('dd', {}, element('code', {}, value)),
    ]),
  );
}

/**
 * Why a pending delivery waits, and when its next attempt is due.
 * @param {Delivery} data
 */
function heldLine(data) {
  const held = data.held;
  if (held === undefined || data.state !== 'pending') return undefined;
  const at = held.next_attempt_at === null ? undefined : Date.parse(held.next_attempt_at);
  const when = at === undefined ? '' : `; next attempt at ${clock(at)}`;
  const why = {
    retry: `waits to retry: the last attempt failed, the next is on the retry schedule${when}`,
    retry_after: `waits to retry: the receiver asked for it later (Retry-After)${when}`,
    due: `waits until it is due (the spec's delay after its cause)${when}`,
    in_order: `waits for ${held.behind ?? 'the event before it'}: delivery is in order per session; its attempt comes once that one is delivered or given up`,
  }[held.reason];
  return element('p', { className: 'held', 'data-held': held.reason }, why);
}

/** @param {DeliveryItem} item */
function deliveryItem({ at, data }) {
  const payload = element(
    'details',
    { open: openPayloads.has(data.id) },
    element('summary', {}, 'payload'),
    element('pre', {}, JSON.stringify(data.payload, null, 2)),
  );
  payload.addEventListener('toggle', () => (payload.open ? openPayloads.add(data.id) : openPayloads.delete(data.id)));
  const resend =
    data.state === 'not_sent'
      ? undefined
      : element(
          'button',
          {
            type: 'button',
            className: 'resend',
            onclick: () => act(`/__mock/deliveries/${encodeURIComponent(data.id)}/resend`, `resend ${data.type}`),
          },
          'Resend',
        );
  const fact = gist(data.payload);
  return element(
    'li',
    {
      className: 'webhook',
      'data-kind': 'webhook',
      'data-id': data.id,
      'data-type': data.type,
      'data-state': data.state,
    },
    element(
      'div',
      { className: 'line' },
      element('span', { className: 'name' }, `← ${data.type}`),
      fact === undefined ? undefined : element('span', { className: 'gist' }, fact),
      element('span', { className: 'state' }, data.state.replace('_', ' ')),
      element('span', { className: 'meta', title: data.id }, data.id),
      element('span', { className: 'time' }, clock(at)),
      resend,
    ),
    heldLine(data),
    headersOf(data),
    data.attempts.length > 0 ? element('ol', { className: 'attempts' }, ...data.attempts.map(attemptItem)) : undefined,
    payload,
  );
}

function render() {
  const list = [...sessions.values()].sort((a, b) => b.seen - a.seen);
  $('sessions').replaceChildren(
    ...list.map((session) =>
      element(
        'li',
        {},
        element(
          'button',
          {
            type: 'button',
            'data-session': session.uuid,
            'aria-current': String(session.uuid === selected),
            onclick: () => select(session.uuid),
          },
          element('code', { title: session.uuid }, short(session.uuid)),
          element('span', { className: 'badge', 'data-state': session.state }, session.state),
        ),
      ),
    ),
  );
  const session = selected === undefined ? undefined : sessions.get(selected);
  $('empty').hidden = session !== undefined;
  $('session').hidden = session === undefined;
  requests.show(session?.uuid);
  if (session === undefined) return;
  $('session-uuid').textContent = session.uuid;
  $('session-state').textContent = session.state;
  $('session-state').dataset.state = session.state;
  // An ended call takes no command (the API would answer 404): the form says so and stays shut.
  const ended = session.state === 'ended';
  const controls = /** @type {HTMLFormElement} */ ($('command-form')).elements;
  for (const control of controls)
    if (
      control instanceof HTMLButtonElement ||
      control instanceof HTMLInputElement ||
      control instanceof HTMLSelectElement
    )
      control.disabled = ended;
  $('ended-note').hidden = !ended;
  const items = [...session.items.values()].sort((a, b) => a.at - b.at || a.order - b.order);
  $('timeline').replaceChildren(
    ...items.map((item) => (item.kind === 'command' ? commandItem(item) : deliveryItem(item))),
  );
}

/** @param {string} uuid */
function select(uuid) {
  selected = uuid;
  $('outcome').textContent = '';
  render();
}

/**
 * Sends a request on this origin and says how it went under the form; the answer's body when it succeeded.
 * @param {string} path
 * @param {string} what
 * @param {object} [body]
 * @returns {Promise<Record<string, unknown> | undefined>}
 */
async function act(path, what, body) {
  const outcome = $('outcome');
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { ...authHeaders(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    /** @type {Partial<Problem> & Record<string, unknown>} */
    const answer = await response.json().catch(() => ({}));
    outcome.className = response.ok ? '' : 'error';
    outcome.textContent = response.ok
      ? `${what}: ${response.status}`
      : `${what}: ${response.status} ${answer.title ?? ''} — ${answer.detail ?? ''}`;
    return response.ok ? answer : undefined;
  } catch (error) {
    outcome.className = 'error';
    outcome.textContent = `${what}: ${/** @type {Error} */ (error).message}`;
    return undefined;
  }
}

/**
 * A named control of a form.
 * @template {HTMLInputElement | HTMLSelectElement} Control
 * @param {HTMLFormElement} form
 * @param {string} name
 * @returns {Control}
 */
const field = (form, name) => /** @type {Control} */ (form.elements.namedItem(name));

function setUpForms() {
  const form = /** @type {HTMLFormElement} */ ($('command-form'));
  /** @type {HTMLSelectElement} */
  const command = field(form, 'command');
  /** @type {HTMLSelectElement} */
  const cause = field(form, 'cause');
  /** @type {HTMLInputElement} */
  const commandUid = field(form, 'command_uid');
  command.replaceChildren(...config.commands.map(({ name }) => element('option', { value: name }, name)));
  cause.replaceChildren(
    ...config.causes.map((name) => element('option', { value: name, selected: name === config.defaultCause }, name)),
  );
  const chosen = () => {
    const found = config.commands.find(({ name }) => name === command.value);
    if (found === undefined) throw new Error(`no command ${command.value}`);
    return found;
  };
  const showCause = () => ($('cause-field').hidden = !chosen().takesCause);
  command.addEventListener('change', showCause);
  showCause();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const { name, path, takesCause } = chosen();
    const body = {
      ...(takesCause ? { cause: cause.value } : {}),
      ...(commandUid.value ? { command_uid: commandUid.value } : {}),
    };
    // Every segment built from what the stream said is encoded: it can never add a segment or a query.
    void act(path.replace('{uuid}', encodeURIComponent(selected ?? '')), name, body);
  });
  $('remote-hangup').addEventListener('click', () =>
    act(`/__mock/sessions/${encodeURIComponent(selected ?? '')}/remote-hangup`, 'remote hang-up'),
  );
  $('new-session').addEventListener('click', async () => {
    /** @type {Partial<Schemas['NewSession']> | undefined} */
    const created = await act('/__mock/sessions', 'new inbound call');
    if (created?.uuid !== undefined) select(created.uuid);
  });
}

/**
 * @param {StreamStatus} status
 * @param {string} [detail]
 */
function setStatus(status, detail) {
  $('status').dataset.status = status;
  $('status').textContent = { live: 'live', reconnecting: 'reconnecting…', unauthorized: 'credentials needed' }[status];
  $('credentials').hidden = status !== 'unauthorized' && credentials !== undefined;
  if (status === 'unauthorized' && credentials !== undefined) {
    $('credentials-error').hidden = false;
    $('credentials-error').textContent = detail ?? '';
  }
}

setUpForms();
/** @type {ReturnType<typeof openEventStream> | undefined} */
let stream;
function connect() {
  if (stream !== undefined) return stream.reconnect();
  // biome-ignore lint/correctness/noUndeclaredVariables: defined by event-stream.js, the page's script before this one
  stream = openEventStream({ url: '/__mock/events', headers: authHeaders, onEvent, onStatus: setStatus });
}
$('credentials-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = /** @type {HTMLFormElement} */ (event.target);
  /** @type {HTMLInputElement} */
  const appId = field(form, 'appId');
  /** @type {HTMLInputElement} */
  const apiKey = field(form, 'apiKey');
  credentials = { appId: appId.value, apiKey: apiKey.value };
  $('credentials').hidden = true;
  connect();
});
if (credentials === undefined) $('credentials').hidden = false;
else connect();
