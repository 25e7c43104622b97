// @ts-check
// The try-it panel of each command's page: mounted in every `[data-try-it]` element Redoc
// renders (it renders a page as the reader navigates to it, so new ones are watched for). It
// sends the command to the chosen server and shows the answer; on the mock gateway it can make
// a new inbound call first, and follows the mock's event stream to show the webhooks the command
// caused, each with its webhook-id, payload and delivery state, in the order they happened.
// Nothing is fetched until the reader presses Send.
// biome-ignore lint/suspicious/noRedundantUseStrict: a classic script in the page, not a module: without it, it would run in sloppy mode
'use strict';

/** @typedef {import('../src/try-it-config.js').TryItConfig} TryItConfig */
/** @typedef {import('../src/try-it-config.js').TryItOperation} TryItOperation */
/** @typedef {{ id: string, type: string, state: string, operation_id: string | null, attempts: unknown[], payload: unknown }} Delivery */

(() => {
  const source = document.getElementById('try-it-config');
  if (source === null) return;
  /** @type {TryItConfig} */
  const config = JSON.parse(source.textContent ?? '{}');
  /** The stream the last Send opened: one at a time over the whole page. @type {AbortController | undefined} */
  let following;

  /**
   * An element with its properties (`data-…`, `for` and `aria-…` as attributes) and children.
   * @template {keyof HTMLElementTagNameMap} Tag
   * @param {Tag} tag
   * @param {Record<string, unknown>} props
   * @param {(Node | string | undefined)[]} children
   * @returns {HTMLElementTagNameMap[Tag]}
   */
  function element(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(props)) {
      if (/^(data-|aria-)/.test(name)) node.setAttribute(name, String(value));
      else Reflect.set(node, name, value);
    }
    node.append(...children.filter((child) => child !== undefined));
    return node;
  }

  /**
   * A labelled control.
   * @param {string} text
   * @param {HTMLElement} control
   * @param {string} [hint]
   */
  const labelled = (text, control, hint) =>
    element(
      'label',
      { className: 'try-it-field' },
      element('span', { className: 'try-it-label' }, text),
      control,
      hint === undefined ? undefined : element('small', {}, hint),
    );

  /**
   * Holds an input to the spec's pattern. Not the `pattern` attribute: browsers compile that in
   * the `v` mode, which refuses patterns the spec writes for the `u` mode (`[a-z._-]`).
   * @param {HTMLInputElement} input
   * @param {string | undefined} pattern
   */
  function keepsPattern(input, pattern) {
    if (pattern === undefined) return input;
    const rule = new RegExp(pattern, 'u');
    const check = () =>
      input.setCustomValidity(input.value === '' || rule.test(input.value) ? '' : `must match ${pattern}`);
    input.addEventListener('input', check);
    check();
    return input;
  }

  /**
   * What to say when the server could not be reached: on the mock, what to start.
   * @param {string} url
   * @param {boolean} mock
   */
  function unreachable(url, mock) {
    if (!mock)
      return `Could not reach ${url}: it is not running here, or it does not allow calls from this page (CORS).`;
    return (
      `The mock gateway is not running on ${url}. Start it from the repository with: pnpm start ` +
      `(it runs the mock gateway and these docs, and lets this page call it), or on its own with: ` +
      `npx call-control-mock --cors-origin ${location.origin}`
    );
  }

  /**
   * Reads the mock's event stream and hands each delivery event to `onDelivery`; resolves once it is connected.
   * @param {string} url
   * @param {Record<string, string>} headers
   * @param {AbortSignal} signal
   * @param {(delivery: Delivery) => void} onDelivery
   */
  async function followDeliveries(url, headers, signal, onDelivery) {
    const response = await fetch(url, { headers: { ...headers, accept: 'text/event-stream' }, signal });
    if (!response.ok || response.body === null) throw new Error(`the event stream answered ${response.status}`);
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    void (async () => {
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read().catch(() => ({ value: undefined, done: true }));
        if (done || value === undefined) return;
        buffer += value.replace(/\r\n?/g, '\n');
        for (let end = buffer.indexOf('\n\n'); end >= 0; end = buffer.indexOf('\n\n')) {
          const block = buffer.slice(0, end).split('\n');
          buffer = buffer.slice(end + 2);
          const kind = block
            .find((line) => line.startsWith('event:'))
            ?.slice(6)
            .trim();
          const data = block.filter((line) => line.startsWith('data:')).map((line) => line.slice(5).trim());
          if (kind === 'delivery' && data.length > 0) onDelivery(JSON.parse(data.join('\n')));
        }
      }
    })();
  }

  /**
   * The list of the command's webhooks, kept in the order each first appeared, updated in place.
   * @param {HTMLOListElement} list
   */
  function webhookList(list) {
    /** @type {Map<string, HTMLLIElement>} */
    const rows = new Map();
    /** @param {Delivery} delivery */
    return (delivery) => {
      const attempts = delivery.attempts.length;
      const row = element(
        'li',
        { 'data-type': delivery.type, 'data-state': delivery.state, 'data-webhook-id': delivery.id },
        element('strong', {}, delivery.type),
        ' ',
        element('span', { className: 'try-it-state' }, delivery.state.replace('_', ' ')),
        delivery.state === 'not_sent'
          ? ' (the mock has no --webhook-url: it keeps the webhook in its journal)'
          : undefined,
        attempts > 0 ? ` (${attempts} attempt${attempts === 1 ? '' : 's'})` : undefined,
        element('div', {}, 'webhook-id: ', element('code', {}, delivery.id)),
        element(
          'details',
          { open: rows.get(delivery.id)?.querySelector('details')?.open ?? false },
          element('summary', {}, 'payload'),
          element('pre', {}, JSON.stringify(delivery.payload, null, 2)),
        ),
      );
      const existing = rows.get(delivery.id);
      if (existing === undefined) list.append(row);
      else existing.replaceWith(row);
      rows.set(delivery.id, row);
    };
  }

  /**
   * Shows an answer: its status line and its body (a problem's title, detail and each field's error).
   * @param {HTMLElement} out
   * @param {Response} response
   */
  async function showAnswer(out, response) {
    const text = await response.text();
    /** @type {Record<string, unknown>} */
    let body = {};
    try {
      body = JSON.parse(text);
    } catch {
      body = {};
    }
    const ok = response.ok;
    const errors = Array.isArray(body.errors) ? body.errors : [];
    out.replaceChildren(
      element(
        'p',
        { className: ok ? 'try-it-ok' : 'try-it-problem', 'data-status': response.status },
        `${response.status} ${response.statusText}`,
        ok ? undefined : ` — ${String(body.title ?? '')}: ${String(body.detail ?? '')}`,
      ),
      ...errors.map((error) => element('p', { className: 'try-it-problem' }, `${error.pointer}: ${error.detail}`)),
      element('pre', {}, text === '' ? '(no body)' : JSON.stringify(body, null, 2)),
    );
    return { ok, body };
  }

  /**
   * The panel of one command.
   * @param {string} operationId
   * @param {TryItOperation} operation
   */
  function panel(operationId, operation) {
    const server = element(
      'select',
      { name: 'server' },
      ...config.servers.map(({ url, description }, index) =>
        element(
          'option',
          { value: String(index), selected: index === config.defaultServer },
          `${url} — ${description}`,
        ),
      ),
    );
    const serverUrl = element('input', { name: 'server_url', type: 'url', required: true, spellcheck: false });
    const chosen = () => config.servers[Number(server.value)] ?? config.servers[0];
    const isMock = () => chosen()?.mock === true;
    const session = keepsPattern(
      element('input', { name: 'session', autocomplete: 'off', spellcheck: false }),
      operation.sessionParameter.pattern,
    );
    const syncServer = () => {
      serverUrl.value = chosen()?.url ?? '';
      session.placeholder = isMock()
        ? 'empty: a new inbound call on the mock'
        : `a session UUID, e.g. ${operation.sessionParameter.example}`;
      session.required = !isMock();
    };
    server.addEventListener('change', syncServer);
    syncServer();
    const credentials = config.credentials.map(({ header, placeholder }) =>
      labelled(header, element('input', { name: header, value: placeholder, autocomplete: 'off', spellcheck: false })),
    );
    const fields = operation.fields.map((field) => {
      const control =
        field.choices === undefined
          ? keepsPattern(
              element('input', {
                name: field.name,
                autocomplete: 'off',
                spellcheck: false,
                placeholder: field.example === undefined ? 'not sent when empty' : `e.g. ${field.example}`,
                ...(field.maxLength === undefined ? {} : { maxLength: field.maxLength }),
              }),
              field.pattern,
            )
          : element(
              'select',
              { name: field.name },
              element('option', { value: '' }, '(not sent)'),
              ...field.choices.map((choice) =>
                element('option', { value: choice, selected: choice === field.default }, choice),
              ),
            );
      return labelled(field.name, control, field.description);
    });
    const out = element('div', { className: 'try-it-answer', 'aria-live': 'polite' });
    const webhooks = element('ol', { className: 'try-it-webhooks' });
    const form = element(
      'form',
      { className: 'try-it-form', noValidate: false },
      labelled('Server', server),
      labelled('URL', serverUrl),
      labelled(operation.sessionParameter.name, session, 'the session (call) to send the command to'),
      ...credentials,
      ...fields,
      element('button', { type: 'submit' }, `Send ${operation.method} ${operationId}`),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      void send();
    });

    /** @returns {Record<string, string>} */
    const credentialHeaders = () =>
      Object.fromEntries(
        config.credentials.map(({ header }) => [
          header,
          /** @type {HTMLInputElement} */ (form.elements.namedItem(header)).value,
        ]),
      );

    async function send() {
      const base = serverUrl.value.replace(/\/+$/, '');
      const mock = isMock();
      const headers = credentialHeaders();
      following?.abort();
      const controller = new AbortController();
      following = controller;
      webhooks.replaceChildren();
      out.replaceChildren(element('p', {}, 'sending…'));
      /** @type {Delivery[]} */
      const seen = [];
      /** @type {string | undefined} */
      let operationOfCommand;
      const show = webhookList(webhooks);
      try {
        if (mock && session.value === '') {
          const created = await fetch(`${base}${config.mockControl.sessions}`, { method: 'POST', headers });
          if (!created.ok) return void (await showAnswer(out, created));
          session.value = String((await created.json()).uuid);
        }
        if (mock)
          await followDeliveries(`${base}${config.mockControl.events}`, headers, controller.signal, (delivery) => {
            if (operationOfCommand === undefined) seen.push(delivery);
            else if (delivery.operation_id === operationOfCommand) show(delivery);
          });
        const body = Object.fromEntries(
          operation.fields
            .map(({ name }) => [name, /** @type {HTMLInputElement} */ (form.elements.namedItem(name)).value])
            .filter(([, value]) => value !== ''),
        );
        const path = operation.path.replace(`{${operation.sessionParameter.name}}`, encodeURIComponent(session.value));
        const response = await fetch(`${base}${path}`, {
          method: operation.method,
          headers: { ...headers, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const { ok, body: answer } = await showAnswer(out, response);
        if (!ok || !mock) return controller.abort();
        operationOfCommand = String(answer.operation_id);
        out.append(
          element(
            'p',
            {},
            'The webhooks it caused, live from the mock gateway (',
            element(
              'a',
              { href: `${base}${config.mockControl.inspector}`, target: '_blank', rel: 'noopener' },
              'inspector',
            ),
            '):',
          ),
        );
        for (const delivery of seen.splice(0)) if (delivery.operation_id === operationOfCommand) show(delivery);
      } catch (error) {
        if (controller.signal.aborted && following !== controller) return;
        controller.abort();
        const reached = error instanceof TypeError;
        out.replaceChildren(
          element(
            'p',
            { className: 'try-it-problem', 'data-unreachable': String(reached) },
            reached ? unreachable(base, mock) : String(/** @type {Error} */ (error).message),
          ),
        );
      }
    }

    return element(
      'section',
      { className: 'try-it-panel', 'data-operation': operationId, 'aria-label': `Try ${operationId}` },
      element('h3', {}, 'Try it'),
      form,
      out,
      webhooks,
    );
  }

  /** Mounts a panel in each new `[data-try-it]` element. */
  function mountAll() {
    for (const host of document.querySelectorAll('[data-try-it]:not([data-mounted])')) {
      if (!(host instanceof HTMLElement)) continue;
      host.dataset.mounted = 'true';
      const operationId = host.dataset.tryIt ?? '';
      const operation = config.operations[operationId];
      if (operation !== undefined) host.replaceChildren(panel(operationId, operation));
    }
  }
  new MutationObserver(mountAll).observe(document.body, { childList: true, subtree: true });
  mountAll();
})();
