// The inspector: the sessions the mock knows and, per session, a timeline of its commands and
// webhooks (each webhook with its delivery attempts), built from the event stream alone; the
// buttons and the form call the control plane and the API on this same origin.
'use strict';

const config = JSON.parse(document.getElementById('mock-config').textContent);
const $ = (id) => document.getElementById(id);
// Only in this page's memory: never stored, gone on reload.
let credentials = config.credentialsRequired ? undefined : { appId: 'inspector', apiKey: 'inspector' };
const authHeaders = () =>
  credentials === undefined ? {} : { 'X-App-ID': credentials.appId, 'X-API-Key': credentials.apiKey };

/** uuid → { uuid, state, seen, items: Map(key → item) }; an item is a command or a delivery. */
const sessions = new Map();
let selected;
let seen = 0;
const openPayloads = new Set();

function sessionOf(uuid) {
  if (!sessions.has(uuid)) sessions.set(uuid, { uuid, state: 'ringing', seen: ++seen, items: new Map() });
  return sessions.get(uuid);
}

function onEvent(kind, data) {
  if (kind === 'session') sessionOf(data.session_uuid).state = data.state;
  else if (kind === 'command' && data.session_uuid !== null) {
    const at = Date.parse(data.at);
    sessionOf(data.session_uuid).items.set(`command:${at}:${++seen}`, { kind, at, order: 0, data });
  } else if (kind === 'delivery') {
    sessionOf(data.session_uuid).items.set(`delivery:${data.id}`, {
      kind,
      at: Date.parse(data.payload.timestamp),
      order: 1,
      data,
    });
  } else return;
  if (selected === undefined && kind !== 'delivery') selected = data.session_uuid;
  scheduleRender();
}

let pending;
function scheduleRender() {
  pending ??= setTimeout(() => {
    pending = undefined;
    render();
  }, 20);
}

function element(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (name.startsWith('data-') || name === 'aria-current') node.setAttribute(name, value);
    else node[name] = value;
  }
  node.append(...children.filter((child) => child !== undefined));
  return node;
}

const clock = (ms) => new Date(ms).toISOString().slice(11, 23);
const short = (id) => (id === null ? '—' : `${id.slice(0, 8)}…`);

function commandItem({ at, data }) {
  const label = data.command === null ? `${data.method} ${data.path}` : data.command;
  return element(
    'li',
    {
      className: 'command',
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

/** The fact a reader looks for first in each webhook. */
function gist({ type, data }) {
  if (type === 'command.result') return `${data.command} ${data.status}`;
  if (type === 'call.hangup') return `${data.hangup_cause} (${data.hangup_source})`;
  return undefined;
}

function deliveryItem({ at, data }) {
  const attempts = data.attempts.map((attempt) => {
    const ok = typeof attempt.status === 'number' && attempt.status >= 200 && attempt.status < 300;
    const text = `#${attempt.number} ${attempt.status} ${attempt.duration_ms} ms${attempt.duplicate ? ' (duplicate)' : ''}`;
    return element('li', { className: ok ? 'ok' : 'failed', title: attempt.started_at }, text);
  });
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
            onclick: () => act(`/__mock/deliveries/${data.id}/resend`, `resend ${data.type}`),
          },
          'Resend',
        );
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
      gist(data.payload) === undefined ? undefined : element('span', { className: 'gist' }, gist(data.payload)),
      element('span', { className: 'state' }, data.state.replace('_', ' ')),
      element('span', { className: 'meta', title: data.id }, data.id),
      element('span', { className: 'time' }, clock(at)),
      resend,
    ),
    data.attempts.length > 0 ? element('ol', { className: 'attempts' }, ...attempts) : undefined,
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
  const session = sessions.get(selected);
  $('empty').hidden = session !== undefined;
  $('session').hidden = session === undefined;
  if (session === undefined) return;
  $('session-uuid').textContent = session.uuid;
  $('session-state').textContent = session.state;
  $('session-state').dataset.state = session.state;
  const items = [...session.items.values()].sort((a, b) => a.at - b.at || a.order - b.order);
  $('timeline').replaceChildren(
    ...items.map((item) => (item.kind === 'command' ? commandItem(item) : deliveryItem(item))),
  );
}

function select(uuid) {
  selected = uuid;
  $('outcome').textContent = '';
  render();
}

/** Sends a request on this origin and says how it went under the form. */
async function act(path, what, body) {
  const outcome = $('outcome');
  try {
    const response = await fetch(path, {
      method: 'POST',
      headers: { ...authHeaders(), ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const answer = await response.json().catch(() => ({}));
    outcome.className = response.ok ? '' : 'error';
    outcome.textContent = response.ok
      ? `${what}: ${response.status}`
      : `${what}: ${response.status} ${answer.title ?? ''} — ${answer.detail ?? ''}`;
    return response.ok ? answer : undefined;
  } catch (error) {
    outcome.className = 'error';
    outcome.textContent = `${what}: ${error.message}`;
    return undefined;
  }
}

function setUpForms() {
  const form = $('command-form');
  form.command.replaceChildren(...config.commands.map(({ name }) => element('option', { value: name }, name)));
  form.cause.replaceChildren(
    ...config.causes.map((cause) =>
      element('option', { value: cause, selected: cause === config.defaultCause }, cause),
    ),
  );
  const commandOf = () => config.commands.find(({ name }) => name === form.command.value);
  const showCause = () => ($('cause-field').hidden = !commandOf().takesCause);
  form.command.addEventListener('change', showCause);
  showCause();
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const command = commandOf();
    const body = {
      ...(command.takesCause ? { cause: form.cause.value } : {}),
      ...(form.command_uid.value ? { command_uid: form.command_uid.value } : {}),
    };
    void act(command.path.replace('{uuid}', selected), command.name, body);
  });
  $('remote-hangup').addEventListener('click', () =>
    act(`/__mock/sessions/${selected}/remote-hangup`, 'remote hang-up'),
  );
  $('new-session').addEventListener('click', async () => {
    const created = await act('/__mock/sessions', 'new inbound call');
    if (created !== undefined) select(created.uuid);
  });
}

function setStatus(status, detail) {
  $('status').dataset.status = status;
  $('status').textContent =
    { live: 'live', reconnecting: 'reconnecting…', unauthorized: 'credentials needed' }[status] ?? status;
  $('credentials').hidden = status !== 'unauthorized' && credentials !== undefined;
  if (status === 'unauthorized' && credentials !== undefined) {
    $('credentials-error').hidden = false;
    $('credentials-error').textContent = detail;
  }
}

setUpForms();
let stream;
const connect = () =>
  stream === undefined
    ? (stream = openEventStream({ url: '/__mock/events', headers: authHeaders, onEvent, onStatus: setStatus }))
    : stream.reconnect();
$('credentials-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const form = event.target;
  credentials = { appId: form.appId.value, apiKey: form.apiKey.value };
  $('credentials').hidden = true;
  connect();
});
if (credentials === undefined) $('credentials').hidden = false;
else connect();
