// Only this machine's pages can drive the mock. Raw sockets send the Host a page whose name
// was re-pointed at 127.0.0.1 would send (DNS rebinding), to the API, the control plane, the
// inspector and the event stream; real Chromium, with names mapped to 127.0.0.1 as a
// rebinding attacker's DNS would, loads a page of another site that posts a form and a
// `text/plain` fetch to the mock (no preflight), and opens the mock under a rebound name.
// Every refusal is a problem of the mock's catalogue that names what to change.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MOCK_PROBLEMS } from '../../src/common/problems.js';
import { loadSpecModel } from '../../src/common/spec-model.js';
import { CHROMIUM, CHROMIUM_ARGS } from '../support/chromium.js';
import { control } from '../support/control-plane.js';
import { AUTH, newSession, startGateway } from '../support/gateway.js';
import { rawRequest, rawSocket } from '../support/raw-http.js';

const BROWSER_ARGS = [
  ...CHROMIUM_ARGS,
  // The attacker's DNS: its names answer 127.0.0.1.
  '--host-resolver-rules=MAP attacker.example 127.0.0.1, MAP rebound.example 127.0.0.1',
];
const { problemTypeBase } = loadSpecModel();

/** The problem body of a refusal, checked against the catalogue entry of `slug`. */
function expectProblem(status: number, body: string, slug: keyof typeof MOCK_PROBLEMS, names: RegExp) {
  expect(status, body.slice(0, 200)).toBe(403);
  const problem = JSON.parse(body);
  expect([status, problem.type, problem.title, problem.status]).toEqual([
    MOCK_PROBLEMS[slug].status,
    `${problemTypeBase}${slug}`,
    MOCK_PROBLEMS[slug].title,
    MOCK_PROBLEMS[slug].status,
  ]);
  expect(problem.detail).toMatch(names);
}

let gateway: Awaited<ReturnType<typeof startGateway>>;
let port: string;
beforeAll(async () => {
  gateway = await startGateway({ allowedHosts: ['mock.test', '.tunnel.test'] });
  port = new URL(gateway.url).port;
});
afterAll(() => gateway.close());

const session = newSession();
const PATHS = [
  ['the API', 'POST', `/api/v1/sessions/${session}/commands/answer`],
  ['the control plane', 'GET', '/__mock/deliveries'],
  ['the control plane', 'POST', '/__mock/sessions'],
  ['the inspector', 'GET', '/__mock/'],
  ['the event stream', 'GET', '/__mock/events'],
] as const;

/** One request on a raw socket with this Host line (or none), credentials and an empty body. */
const withHost = (method: string, path: string, host: string | undefined, version = '1.1') =>
  rawSocket(
    gateway.url,
    `${method} ${path} HTTP/${version}\r\n${host === undefined ? '' : `Host: ${host}\r\n`}X-App-ID: a\r\nX-API-Key: k\r\nContent-Length: 0\r\nConnection: close\r\n\r\n`,
  );

describe('Host: only names of this machine, and those allowed', () => {
  it.each(PATHS)('%s (%s %s): a rebound name is refused 403, naming --allowed-hosts', async (_part, method, path) => {
    const { status, headers, body } = await withHost(method, path, `rebound.example:${port}`);
    expect(headers['content-type']).toBe('application/problem+json');
    expectProblem(status, body, 'mock-host-not-allowed', /--allowed-hosts "rebound\.example"/);
  });

  it.each([
    'evil.example',
    `localhost.evil.example:4010`,
    '127.0.0.1.nip.io',
    'localhost:80@evil.example',
    'mock.test.evil.example',
    'xmock.test',
    'tunnel.test.evil',
    '[::1',
    '0x7f.0.0.1',
    '',
  ])('refuses Host %j', async (host) => {
    const { status, body } = await withHost('GET', '/__mock/deliveries', host);
    expectProblem(status, body, 'mock-host-not-allowed', /--allowed-hosts/);
  });

  it.each([
    `localhost:4010`,
    'LOCALHOST',
    'localhost.',
    `app.localhost:4010`,
    `127.0.0.1:4010`,
    '127.0.0.1',
    `[::1]:4010`,
    '10.1.2.3',
    `mock.test:4010`,
    'tunnel.test',
    `a.b.tunnel.test:4010`,
  ])('serves Host %j', async (host) => {
    const { status } = await withHost('GET', '/__mock/deliveries', host);
    expect(status).toBe(200);
  });

  it('serves an HTTP/1.0 request without Host: no browser sends one, so no page can', async () => {
    const { status } = await withHost('GET', '/__mock/deliveries', undefined, '1.0');
    expect(status).toBe(200);
  });
});

describe('requests a page of another site sent', () => {
  it.each(PATHS)('%s (%s %s): Sec-Fetch-Site: cross-site is refused 403', async (_part, method, path) => {
    const { status, body } = await rawRequest(gateway.url, {
      method,
      path,
      headers: { ...AUTH, 'sec-fetch-site': 'cross-site', connection: 'close' },
    });
    expectProblem(status, body, 'mock-cross-site', /Sec-Fetch-Site: cross-site/);
  });

  it.each([
    'http://evil.example',
    'https://evil.example:4010',
    'null',
    'http://10.0.0.7',
    'http://localhost.evil.example',
    'file://',
    'http://mock.test.evil',
  ])('an Origin of %s is refused 403, naming the rule and --allowed-hosts', async (origin) => {
    for (const [, method, path] of PATHS) {
      const { status, body } = await rawRequest(gateway.url, {
        method,
        path,
        headers: { ...AUTH, origin, connection: 'close' },
      });
      expectProblem(status, body, 'mock-cross-site', /not this machine's.*--allowed-hosts/);
    }
  });

  it.each([
    'http://127.0.0.1:4011',
    'http://localhost:3000',
    'https://app.localhost',
    'http://[::1]:5173',
    'http://mock.test',
    'https://x.tunnel.test',
  ])('an Origin of %s (this machine, same-site, or allowed) is served', async (origin) => {
    const answer = await control(gateway.url, 'POST', '/__mock/sessions', {
      headers: { origin, 'sec-fetch-site': 'same-site' },
    });
    expect(answer.response.status).toBe(201);
  });

  it('the mock’s own origin, under an address that is not loopback, is served (the inspector on a LAN address)', async () => {
    const { status } = await rawRequest(gateway.url, {
      path: '/__mock/sessions',
      headers: { host: `192.168.1.5:${port}`, origin: `http://192.168.1.5:${port}`, connection: 'close' },
    });
    expect(status).toBe(201);
  });
});

describe('in Chromium', () => {
  let browser: Browser;
  let attacker: Server;
  let attackerPort: number;
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: BROWSER_ARGS });
    // The attacker's site, served from this machine (its name maps to 127.0.0.1 in Chromium).
    attacker = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>attacker</title>');
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerPort = (attacker.address() as AddressInfo).port;
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => attacker?.close(resolve));
  });

  it('a page of another site can neither make the remote party hang up (text/plain fetch) nor start a session (form)', async () => {
    const target = (await control(gateway.url, 'POST', '/__mock/sessions')).body.uuid as string;
    const page = await browser.newPage();
    try {
      await page.goto(`http://attacker.example:${attackerPort}/`);
      const mock = `http://127.0.0.1:${port}`;
      // No preflight: a text/plain body in no-cors mode, as any page may send.
      await page.evaluate(
        ([url]) =>
          fetch(url!, { method: 'POST', mode: 'no-cors', headers: { 'content-type': 'text/plain' }, body: '{}' }),
        [`${mock}/__mock/sessions/${target}/remote-hangup`],
      );
      // A form that posts itself: the browser navigates to the mock's answer.
      const created = newSession();
      const answer = page.waitForResponse((response) => response.url().startsWith(mock));
      await page.evaluate(
        ([url, uuid]) => {
          const form = document.createElement('form');
          form.method = 'POST';
          form.action = url!;
          form.enctype = 'text/plain';
          const input = document.createElement('input');
          input.name = `{"uuid":"${uuid}","x":"`;
          input.value = '"}';
          form.append(input);
          document.body.append(form);
          form.submit();
        },
        [`${mock}/__mock/sessions`, created],
      );
      const response = await answer;
      // Neither took effect: the call still rings, and the form's session was never made.
      expect((await control(gateway.url, 'GET', `/__mock/sessions/${target}`)).body.state).toBe('ringing');
      expect((await control(gateway.url, 'GET', `/__mock/sessions/${created}`)).response.status).toBe(404);
      expectProblem(response.status(), await response.text(), 'mock-cross-site', /another site/);
    } finally {
      await page.close();
    }
  });

  it('the mock under a rebound name shows nothing: the page, the journal and the stream are refused', async () => {
    const page = await browser.newPage();
    try {
      const response = await page.goto(`http://rebound.example:${port}/__mock/`);
      expectProblem(response!.status(), await response!.text(), 'mock-host-not-allowed', /--allowed-hosts/);
      // Same-origin to the rebound page, so nothing but the Host check stands in the way.
      const reads = await page.evaluate(async () =>
        Promise.all(['/__mock/deliveries', '/__mock/events'].map(async (path) => (await fetch(path)).status)),
      );
      expect(reads).toEqual([403, 403]);
    } finally {
      await page.close();
    }
  });
});
