// The built client in real Chromium: bundled for the browser by esbuild, loaded by a page the
// recording server serves (same origin as the API, so CORS is not in the way), and driven
// from the page — Web Crypto's randomUUID, fetch, AbortSignal and timers only.
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as ClientModule from '../src/index.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

const SESSION = '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
type Client = typeof ClientModule;

let server: RecordingServer;
let elsewhere: RecordingServer; // another origin (another port)
let browser: Browser;
let page: Page;

beforeAll(async () => {
  const { outputFiles } = await build({
    entryPoints: [fileURLToPath(new URL('../dist/index.js', import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  server = await startRecordingServer({
    // A module script puts the client on window: page.evaluate's functions are serialized, so
    // they cannot import it themselves.
    '/': {
      contentType: 'text/html',
      body: '<!doctype html><script type="module">import * as client from "/client.js"; window.client = client;</script>',
    },
    '/client.js': { contentType: 'text/javascript', body: outputFiles[0]!.text },
    '/favicon.ico': { contentType: 'image/x-icon', body: '' },
  });
  elsewhere = await startRecordingServer();
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
  page = await browser.newPage();
  await page.goto(server.url);
  await page.waitForFunction(() => 'client' in window);
}, 60_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await elsewhere?.close();
});

describe('in Chromium', () => {
  it('generates a command_uid, retries a 503 with the same one, and reads the 202', async () => {
    server.script({ status: 503 });
    const result = await page.evaluate(
      async ({ baseUrl, session }) => {
        const { createCallControlClient } = (window as unknown as { client: Client }).client;
        const client = createCallControlClient({ baseUrl, appId: 'app-1', apiKey: 'key-1', retry: { baseDelayMs: 1 } });
        const { data, error, response } = await client.hangup(session, { cause: 'USER_BUSY' });
        return { data, error, status: response.status };
      },
      { baseUrl: server.url, session: SESSION },
    );
    expect(result).toMatchObject({ status: 202, data: { status: 'in_progress' } });
    const bodies = server.requests.map((request) => JSON.parse(request.body));
    expect(bodies).toHaveLength(2);
    expect(bodies[0].command_uid).toMatch(/^[0-9a-f-]{36}$/);
    expect(bodies[1]).toEqual(bodies[0]);
    expect(server.requests[0]!.headers).toMatchObject({ 'x-app-id': 'app-1', 'x-api-key': 'key-1' });
  });

  it('reports a timeout as CallControlTimeoutError', async () => {
    server.script({ delayMs: 2_000, reply: { status: 202 } });
    const failure = await page.evaluate(
      async ({ baseUrl, session }) => {
        const { createCallControlClient, CallControlTimeoutError } = (window as unknown as { client: Client }).client;
        const client = createCallControlClient({
          baseUrl,
          appId: 'app-1',
          apiKey: 'key-1',
          timeoutMs: 100,
          retry: false,
        });
        try {
          await client.answer(session);
          return 'resolved';
        } catch (error) {
          return { isTimeoutError: error instanceof CallControlTimeoutError, name: (error as Error).name };
        }
      },
      { baseUrl: server.url, session: SESSION },
    );
    expect(failure).toEqual({ isTimeoutError: true, name: 'CallControlTimeoutError' });
  });

  // A browser hides a redirect's status and Location from the page (an opaque redirect): the
  // error says so. Followed, the 307 would have made Chromium contact the other origin (a
  // preflight for the API key header, then the command).
  it('follows no redirect: a 307 to another origin is a CallControlRedirectError, and that origin hears nothing', async () => {
    server.script({ status: 307, headers: { location: `${elsewhere.url}/collect` } });
    elsewhere.script();
    const failure = await page.evaluate(
      async ({ baseUrl, session }) => {
        const { createCallControlClient, CallControlRedirectError } = (window as unknown as { client: Client }).client;
        const client = createCallControlClient({ baseUrl, appId: 'app-1', apiKey: 'key-1', retry: { baseDelayMs: 1 } });
        try {
          return { resolved: await client.hangup(session) };
        } catch (error) {
          const { name, status, location } = error as InstanceType<typeof CallControlRedirectError>;
          return { isRedirectError: error instanceof CallControlRedirectError, name, status, location };
        }
      },
      { baseUrl: server.url, session: SESSION },
    );
    expect(failure).toEqual({ isRedirectError: true, name: 'CallControlRedirectError', status: 0, location: null });
    expect(server.requests).toHaveLength(1);
    expect(elsewhere.requests).toEqual([]);
  });
});
