// The inspector in a real, headless Chromium, against real gateways on 127.0.0.1: a newcomer
// drives a whole call from the page and watches its webhooks appear; with a receiver, the
// attempts, a resend and a remote hang-up; with --app-id/--api-key, the page asks once. Every
// request the page makes stays on the gateway's origin. Screenshots: test-results/inspector*.png.
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js';
import { newSession, startGateway } from '../support/gateway.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

const RESULTS = new URL('../../test-results/', import.meta.url);
const SECRET = `whsec_${Buffer.from('mock-gateway-inspector-e2e'.padEnd(32, '.')).toString('base64')}`;

type Gateway = Awaited<ReturnType<typeof startGateway>>;
let browser: Browser;
const gateways: Gateway[] = [];
let receiver: Receiver;

beforeAll(async () => {
  mkdirSync(RESULTS, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}, 60_000);
afterAll(async () => {
  await browser?.close();
  for (const gateway of gateways) await gateway.close();
  await receiver?.close();
});

/** A page on a gateway's inspector, recording every request and console error. */
async function openInspector(gateway: Gateway) {
  const page = await browser.newPage({ viewport: { width: 1300, height: 860 } });
  page.setDefaultTimeout(10_000);
  const requests: string[] = [];
  const errors: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  await page.goto(gateway.inspectorUrl);
  const elsewhere = () =>
    requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== new URL(gateway.url).origin);
  return { page, requests, errors, elsewhere };
}

const timeline = (page: Page) => page.locator('#timeline > li');
/** The timeline as kind and name, in the order shown. */
const shown = (page: Page) =>
  timeline(page).evaluateAll((items) =>
    items.map(
      (item) =>
        `${item.getAttribute('data-kind')} ${item.getAttribute('data-command') || item.getAttribute('data-type')}`,
    ),
  );

async function send(page: Page, command: string, cause?: string) {
  await page.locator('#command-form select[name="command"]').selectOption(command);
  if (cause !== undefined) await page.locator('#command-form select[name="cause"]').selectOption(cause);
  await page.locator('#command-form button[type="submit"]').click();
}

describe('without a webhook URL: a whole call from the page', () => {
  it('starts a call, answers it, hangs it up, and shows each command and webhook as it happens', async () => {
    const gateway = await startGateway();
    gateways.push(gateway);
    // Activity from before the page opened is in its history.
    const earlier = newSession();
    await gateway.command(earlier, 'answer');
    const { page, errors, elsewhere } = await openInspector(gateway);
    await page.locator('#status[data-status="live"]').waitFor();
    await page.locator(`#sessions button[data-session="${earlier}"] .badge[data-state="answered"]`).waitFor();

    await page.locator('#new-session').click();
    await page.locator('#session-state[data-state="ringing"]').waitFor();
    const session = (await page.locator('#session-uuid').innerText()).trim();
    expect(session).toMatch(/^[0-9a-f-]{36}$/);
    await send(page, 'answer');
    await page.locator('#timeline li[data-type="command.result"]').waitFor();
    await page.locator('#session-state[data-state="answered"]').waitFor();
    expect(await page.locator('#cause-field').isHidden()).toBe(true); // answer takes no cause
    await send(page, 'hangup', 'USER_BUSY');
    await page.locator('#timeline li[data-type="call.hangup"]').waitFor();
    await page.locator('#session-state[data-state="ended"]').waitFor();

    expect(await shown(page)).toEqual([
      'command answer',
      'webhook call.answered',
      'webhook command.result',
      'command hangup',
      'webhook command.result',
      'webhook call.hangup',
    ]);
    expect(
      await page
        .locator('#timeline li[data-kind="webhook"]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-state'))),
    ).toEqual(['not_sent', 'not_sent', 'not_sent', 'not_sent']);
    expect(await page.locator('#timeline li[data-type="call.hangup"]').innerText()).toContain('USER_BUSY (api)');
    expect(await page.locator('#timeline button.resend').count()).toBe(0); // nowhere to resend to
    // What the page shows is what the journal holds.
    const journal = await (await fetch(`${gateway.url}/__mock/deliveries?session=${session}`)).json();
    expect(
      await page
        .locator('#timeline li[data-kind="webhook"]')
        .evaluateAll((items) => items.map((item) => item.getAttribute('data-id'))),
    ).toEqual(journal.deliveries.map(({ id }: { id: string }) => id));
    await page.locator('#timeline li[data-type="call.hangup"] summary').click();
    expect(await page.locator('#timeline li[data-type="call.hangup"] pre').innerText()).toContain(
      '"hangup_cause": "USER_BUSY"',
    );

    await page.screenshot({ path: new URL('inspector.png', RESULTS).pathname, fullPage: true });
    expect(errors).toEqual([]);
    expect(elsewhere()).toEqual([]);
  });
});

describe('with a receiver', () => {
  it('shows a failed attempt then the 2xx, resends a delivery, and makes the remote party hang up', async () => {
    receiver = await startReceiver(SECRET);
    const gateway = await startGateway({ webhookUrl: receiver.url, webhookSecret: SECRET });
    gateways.push(gateway);
    const { page, errors, elsewhere } = await openInspector(gateway);
    await page.locator('#status[data-status="live"]').waitFor();
    await page.locator('#new-session').click();
    await page.locator('#session-state[data-state="ringing"]').waitFor();

    receiver.failNext(1, 500);
    await send(page, 'answer');
    const answered = page.locator('#timeline li[data-type="call.answered"][data-state="delivered"]');
    await answered.waitFor();
    const attempts = () => answered.locator('.attempts li').allInnerTexts();
    expect(await attempts()).toEqual([expect.stringMatching(/^#1 500 /), expect.stringMatching(/^#2 20\d /)]);

    const id = (await answered.getAttribute('data-id'))!;
    await answered.locator('button.resend').click();
    await page.locator('#timeline li[data-type="call.answered"] .attempts li:nth-child(3)').waitFor();
    expect((await attempts())[2]).toMatch(/^#3 20\d /);
    expect(receiver.attempts.filter(({ webhookId }) => webhookId === id).map(({ status }) => status)).toEqual([
      500,
      expect.any(Number),
      expect.any(Number),
    ]);

    await page.locator('#remote-hangup').click();
    await page.locator('#timeline li[data-type="call.hangup"][data-state="delivered"]').waitFor();
    await page.locator('#session-state[data-state="ended"]').waitFor();
    expect(await page.locator('#timeline li[data-type="call.hangup"]').innerText()).toContain(
      'NORMAL_CLEARING (caller)',
    );
    await page.screenshot({ path: new URL('inspector-deliveries.png', RESULTS).pathname, fullPage: true });
    expect(errors).toEqual([]);
    expect(elsewhere()).toEqual([]);
  });
});

describe('with --app-id/--api-key', () => {
  it('asks for the pair once, refuses a wrong one, then drives the call with it', async () => {
    const gateway = await startGateway({ appId: 'app-1', apiKey: 'key-1' });
    gateways.push(gateway);
    const { page, elsewhere } = await openInspector(gateway);
    const form = page.locator('#credentials-form');
    await form.waitFor({ state: 'visible' });
    await form.locator('input[name="appId"]').fill('app-1');
    await form.locator('input[name="apiKey"]').fill('wrong');
    await form.locator('button[type="submit"]').click();
    await page.locator('#status[data-status="unauthorized"]').waitFor();
    expect(await page.locator('#credentials-error').innerText()).toBe('The X-App-ID and X-API-Key pair is not valid.');

    await form.locator('input[name="apiKey"]').fill('key-1');
    await form.locator('button[type="submit"]').click();
    await page.locator('#status[data-status="live"]').waitFor();
    expect(await page.locator('#credentials').isHidden()).toBe(true);
    await page.locator('#new-session').click();
    await page.locator('#session-state[data-state="ringing"]').waitFor();
    await send(page, 'answer');
    await page.locator('#timeline li[data-kind="command"][data-status="202"]').waitFor();
    // Memory only: nothing kept where a reload would find it.
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length, document.cookie])).toEqual([
      0,
      0,
      '',
    ]);
    expect(elsewhere()).toEqual([]);
  });
});

describe('the Requests view, and a reset', () => {
  it('shows what was sent for the session with its answer, from the request journal; a reset clears the page', async () => {
    const gateway = await startGateway();
    gateways.push(gateway);
    const { page, errors, elsewhere } = await openInspector(gateway);
    await page.locator('#status[data-status="live"]').waitFor();
    await page.locator('#new-session').click();
    await page.locator('#session-state[data-state="ringing"]').waitFor();
    const session = (await page.locator('#session-uuid').innerText()).trim();
    await send(page, 'hangup', 'USER_BUSY');
    // The page's hangup is answered before the next request is sent: the order below is theirs.
    await page.locator('#requests li[data-status="202"]').waitFor();
    // One the app sent wrong, from outside the page: it shows too, with its problem.
    await gateway.command(session, 'hangup', { cause: 'user_busy' });
    await page.locator('#requests li[data-status="422"]').waitFor();
    expect(
      await page.locator('#requests li').evaluateAll((items) => items.map((item) => item.getAttribute('data-status'))),
    ).toEqual(['202', '422']);
    expect(await page.locator('#requests li[data-status="422"] .meta').innerText()).toBe('validation-failed');
    await page.locator('#requests li[data-status="202"] summary').click();
    const sent = await page.locator('#requests li[data-status="202"] pre').innerText();
    expect(sent).toContain('"cause":"USER_BUSY"');
    expect(sent).toContain('x-api-key: ***');
    await page.screenshot({ path: new URL('inspector-requests.png', RESULTS).pathname, fullPage: true });

    await fetch(`${gateway.url}/__mock/reset`, { method: 'POST' });
    await page.locator('#sessions li').first().waitFor({ state: 'detached' });
    expect(await page.locator('#session').isHidden()).toBe(true);
    expect(errors).toEqual([]);
    expect(elsewhere()).toEqual([]);
  });
});

describe('for debugging', () => {
  /** A receiver that is down and says why, recording the headers of each delivery. */
  async function downReceiver() {
    const received: Record<string, string | string[] | undefined>[] = [];
    const server = createServer((req, res) => {
      received.push(req.headers);
      req.resume().on('end', () => res.writeHead(503).end('{"error":"down for maintenance"}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const close = () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    };
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, received, close };
  }

  it('shows what each attempt sent and got back, and why a delivery waits and until when', async () => {
    const down = await downReceiver();
    // The real retry schedule: the second attempt 5 s after the first.
    const gateway = await startGateway({ webhookUrl: down.url, retryScale: 1, shutdownGraceMs: 0 });
    try {
      const { page, errors, elsewhere } = await openInspector(gateway);
      await page.locator('#status[data-status="live"]').waitFor();
      await page.locator('#new-session').click();
      await page.locator('#session-state[data-state="ringing"]').waitFor();
      await send(page, 'answer');

      const answered = page.locator('#timeline li[data-type="call.answered"]');
      const held = answered.locator('.held[data-held="retry"]');
      await held.waitFor();
      const [first] = down.received;
      const headers = await answered
        .locator('dl.headers')
        .evaluate((list) =>
          Object.fromEntries(
            [...list.querySelectorAll('dt')].map((term) => [term.textContent, term.nextElementSibling?.textContent]),
          ),
        );
      expect(headers).toEqual({
        'webhook-id': first!['webhook-id'],
        'webhook-timestamp': first!['webhook-timestamp'],
        'webhook-signature': first!['webhook-signature'],
      });
      const attempt = answered.locator('.attempts li').first();
      expect(await attempt.innerText()).toMatch(/^#1 503 [\d.]+ ms\s*\{"error":"down for maintenance"\}$/);
      const { deliveries } = await (await fetch(`${gateway.url}/__mock/deliveries?type=call.answered`)).json();
      const due = deliveries[0].held.next_attempt_at.slice(11, 23);
      expect(await held.innerText()).toBe(
        `waits to retry: the last attempt failed, the next is on the retry schedule; next attempt at ${due}`,
      );
      // The session's next webhook waits its turn.
      const behind = page.locator('#timeline li[data-type="command.result"] .held[data-held="in_order"]');
      expect(await behind.innerText()).toContain(`waits for ${deliveries[0].id}`);
      expect(errors).toEqual([]);
      expect(elsewhere()).toEqual([]);
    } finally {
      await gateway.close();
      await down.close();
    }
  });

  it('shuts the command form on an ended call, and a refused command reads as a failure', async () => {
    const gateway = await startGateway();
    gateways.push(gateway);
    const { page, errors } = await openInspector(gateway);
    await page.locator('#status[data-status="live"]').waitFor();
    await page.locator('#new-session').click();
    await page.locator('#session-state[data-state="ringing"]').waitFor();
    const controls = page.locator('#command-form select, #command-form input, #command-form button');
    expect(
      await controls.evaluateAll((all) => all.map((control) => (control as HTMLInputElement).disabled)),
    ).not.toContain(true);
    await send(page, 'hangup');
    await page.locator('#session-state[data-state="ended"]').waitFor();
    await page.locator('#ended-note').waitFor({ state: 'visible' });
    expect(
      await controls.evaluateAll((all) => all.map((control) => (control as HTMLInputElement).disabled)),
    ).not.toContain(false);

    // A command sent anyway (from a terminal) is refused, and its row looks like one.
    const session = (await page.locator('#session-uuid').innerText()).trim();
    expect((await gateway.command(session, 'answer')).status).toBe(404);
    const refused = page.locator('#timeline li[data-kind="command"][data-status="404"]');
    await refused.waitFor();
    const accepted = page.locator('#timeline li[data-kind="command"][data-status="202"]');
    const edge = (row: typeof refused) => row.evaluate((item) => getComputedStyle(item).borderLeftColor);
    const bad = await page.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--bad').trim());
    expect(await edge(refused)).toBe(
      await page.evaluate((color) => {
        const probe = document.createElement('i');
        probe.style.color = color;
        document.body.append(probe);
        const resolved = getComputedStyle(probe).color;
        probe.remove();
        return resolved;
      }, bad),
    );
    expect(await edge(accepted)).not.toBe(await edge(refused));
    expect(errors).toEqual([]);
  });

  it('follows the system’s dark scheme', async () => {
    const gateway = await startGateway();
    gateways.push(gateway);
    const { page } = await openInspector(gateway);
    const luminance = () =>
      page.evaluate(() => {
        const channels = (color: string) => (color.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map(Number);
        const of = (color: string) => channels(color).reduce((sum, channel) => sum + channel, 0) / 3;
        const style = getComputedStyle(document.body);
        return { background: of(style.backgroundColor), text: of(style.color) };
      });
    await page.emulateMedia({ colorScheme: 'light' });
    const light = await luminance();
    expect(light.background).toBeGreaterThan(light.text);
    await page.emulateMedia({ colorScheme: 'dark' });
    const dark = await luminance();
    expect(dark.background).toBeLessThan(60);
    expect(dark.text).toBeGreaterThan(180);
    await page.locator('#status[data-status="live"]').waitFor();
    await page.locator('#new-session').click();
    await send(page, 'answer');
    await page.locator('#timeline li[data-type="command.result"]').waitFor();
    await page.screenshot({ path: new URL('inspector-dark.png', RESULTS).pathname, fullPage: true });
  });

  it('at 390 px: the sessions above the timeline, nothing wider than the screen', async () => {
    const gateway = await startGateway();
    gateways.push(gateway);
    const { page } = await openInspector(gateway);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.locator('#status[data-status="live"]').waitFor();
    await page.locator('#new-session').click();
    await send(page, 'hangup', 'USER_BUSY');
    await page.locator('#timeline li[data-type="call.hangup"]').waitFor();
    const box = async (selector: string) => (await page.locator(selector).boundingBox())!;
    const [sessions, detail] = [await box('aside'), await box('#detail')];
    expect(sessions.y + sessions.height).toBeLessThanOrEqual(detail.y + 1);
    expect([sessions.width, detail.width]).toEqual([390, 390]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: new URL('inspector-390.png', RESULTS).pathname, fullPage: true });
  });
});

describe('what the stream says is never a path', () => {
  // The mock names a session only by a UUID (command-feed); the page holds to that on its own:
  // a forged stream gives it ids with `/`, `..` and `?`, and every request it builds from them
  // keeps each one inside its own path segment.
  it('encodes every segment it builds: a forged session or delivery id cannot reach another session', async () => {
    const gateway = await startGateway({ webhookUrl: 'http://127.0.0.1:9/hooks' });
    gateways.push(gateway);
    const [first, second] = [newSession(), newSession()];
    for (const uuid of [first, second])
      await fetch(`${gateway.url}/__mock/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ uuid }),
      });
    const forgedSession = `../../__mock/sessions/${first}/remote-hangup?`;
    const forgedDelivery = `evt_x/../../sessions/${second}/remote-hangup?`;
    const at = new Date().toISOString();
    const events = [
      { event: 'session', data: { session_uuid: forgedSession, state: 'ringing', started_at: at } },
      {
        event: 'delivery',
        data: {
          id: forgedDelivery,
          type: 'call.answered',
          session_uuid: forgedSession,
          operation_id: null,
          state: 'pending',
          attempts_total: 0,
          attempt: null,
          attempts: [], // what a page before the stream said changes read
          payload: { id: forgedDelivery, type: 'call.answered', timestamp: at, data: { session_uuid: forgedSession } },
        },
      },
    ];
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    const sent: string[] = [];
    page.on('request', (request) => request.method() === 'POST' && sent.push(new URL(request.url()).pathname));
    await page.route('**/__mock/events', (route) =>
      route.fulfill({
        status: 200,
        headers: { 'content-type': 'text/event-stream' },
        body: events
          .map(({ event, data }, i) => `id: ${i + 1}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
          .join(''),
      }),
    );
    await page.goto(gateway.inspectorUrl);
    await page.locator('#timeline li[data-kind="webhook"] button.resend').click();
    await page.locator('#remote-hangup').click();
    await send(page, 'answer');
    await expect.poll(() => sent.length).toBe(3);
    const encoded = encodeURIComponent(forgedSession);
    expect(sent.sort()).toEqual(
      [
        `/__mock/deliveries/${encodeURIComponent(forgedDelivery)}/resend`,
        `/__mock/sessions/${encoded}/remote-hangup`,
        `/api/v1/sessions/${encoded}/commands/answer`,
      ].sort(),
    );
    // Neither real session was touched.
    for (const uuid of [first, second])
      expect((await (await fetch(`${gateway.url}/__mock/sessions/${uuid}`)).json()).state).toBe('ringing');
    await page.close();
  });
});
