// `pnpm start`, run for real and stopped as a terminal stops it: the mock gateway and the docs
// preview side by side; a busy port stops only the part that wanted it (it says why, and which
// flag moves it) while the other keeps serving; --docs-port and --no-docs are the script's own,
// every other flag goes to the mock gateway; and Ctrl-C ends it with status 0 and without
// pnpm's ELIFECYCLE failure line.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type MainJob, startMainJob } from './support/main-job.js';
import { workspaceRoot } from './support/packed-packages.js';

const script = join(workspaceRoot, 'scripts', 'start.mjs');
const LISTENING = (part: string) => new RegExp(`^\\[${part}\\] listening on (http://127\\.0\\.0\\.1:\\d+)$`, 'm');
const SESSION = '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234';

let job: MainJob | undefined;
let blocker: Server | undefined;
afterEach(async () => {
  await job?.interrupt();
  job = undefined;
  await new Promise((resolve) => (blocker ? blocker.close(resolve) : resolve(undefined)));
  blocker = undefined;
});

/** A port something else holds, as another program would. */
async function busyPort(): Promise<number> {
  blocker = createServer();
  await new Promise<void>((resolve) => blocker!.listen(0, '127.0.0.1', resolve));
  return (blocker.address() as AddressInfo).port;
}

/** A port nothing holds now (held for a moment, then let go). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const answers = async (url: string) => (await fetch(url)).status;

describe('pnpm start', () => {
  it('runs the mock gateway and the docs preview, and Ctrl-C ends it with 0 and no ELIFECYCLE', async () => {
    job = startMainJob('pnpm', ['start', '--', '--no-build', '--port', '0', '--docs-port', '0']);
    const [, mock] = await job.waitFor(LISTENING('mock'));
    const [, docs] = await job.waitFor(LISTENING('docs'));
    expect(await answers(`${mock}/__mock/deliveries`)).toBe(200);
    expect(await answers(`${docs}/`)).toBe(200);
    const ended = await job.interrupt();
    expect(ended).toEqual({ code: 0, signal: null });
    expect(job.output).not.toContain('ELIFECYCLE');
    expect(job.output).toMatch(/^\[mock\] stopped: 0 commands accepted/m);
    expect(job.output).toMatch(/^\[docs\] SIGINT: stopping$/m);
  }, 90_000);
});

describe('scripts/start.mjs', () => {
  const start = (...args: string[]) => startMainJob(process.execPath, [script, '--no-build', ...args]);

  it('keeps the mock gateway running when the docs’ port is taken, and says how to move the docs', async () => {
    const port = await busyPort();
    job = start('--port', '0', '--docs-port', String(port));
    const [, mock] = await job.waitFor(LISTENING('mock'));
    await job.waitFor(new RegExp(`^\\[docs\\] .*127\\.0\\.0\\.1:${port} is already in use`, 'm'));
    await job.waitFor(
      /^\[start\] docs stopped \(exit status 1\): the others keep running \(.*--docs-port N.*--no-docs\)$/m,
    );
    const command = await fetch(`${mock}/api/v1/sessions/${SESSION}/commands/answer`, {
      method: 'POST',
      headers: { 'X-App-ID': 'app', 'X-API-Key': 'key' },
    });
    expect(command.status).toBe(202);
    expect(await job.interrupt()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('keeps the docs preview running when the mock gateway’s port is taken', async () => {
    const port = await busyPort();
    job = start('--port', String(port), '--docs-port', '0');
    const [, docs] = await job.waitFor(LISTENING('docs'));
    await job.waitFor(new RegExp(`^\\[mock\\] .*127\\.0\\.0\\.1:${port} is already in use`, 'm'));
    await job.waitFor(/^\[start\] mock stopped \(exit status \d\): the others keep running \(.*--port N\)$/m);
    expect(await answers(`${docs}/llms.txt`)).toBe(200);
    expect(await job.interrupt()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('ends by itself with the first failure when no part is left running', async () => {
    const port = await busyPort();
    job = start('--port', String(port), '--docs-port', String(port));
    const { code } = await job.ended();
    expect(code).not.toBe(0);
    expect(job.output).toMatch(/nothing is left running/);
  }, 60_000);

  it('runs the mock gateway alone with --no-docs', async () => {
    job = start('--port', '0', '--no-docs');
    await job.waitFor(LISTENING('mock'));
    await job.waitFor(/^\[mock\] inspector on /m);
    expect(job.output).not.toMatch(/^\[docs\]/m);
    expect(await job.interrupt()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('lets the docs preview’s origin, and only it, call the mock gateway from a browser', async () => {
    const docsPort = await freePort();
    job = start('--port', '0', '--docs-port', String(docsPort));
    const [, mock] = await job.waitFor(LISTENING('mock'));
    const [, docs] = await job.waitFor(LISTENING('docs'));
    const allows = async (origin: string) => {
      const response = await fetch(`${mock}/__mock/sessions`, { method: 'POST', headers: { origin } });
      return response.headers.get('access-control-allow-origin');
    };
    expect(await allows(docs!)).toBe(docs);
    expect(await allows(`http://127.0.0.1:${docsPort + 1}`)).toBeNull();
    expect(await job.interrupt()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it('passes every other flag to the mock gateway', async () => {
    job = start('--app-id', 'my-app', '--docs-port', '0', '--api-key', 'my-key', '--port=0');
    const [, mock] = await job.waitFor(LISTENING('mock'));
    await job.waitFor(LISTENING('docs'));
    const send = (appId: string) =>
      fetch(`${mock}/api/v1/sessions/${SESSION}/commands/answer`, {
        method: 'POST',
        headers: { 'X-App-ID': appId, 'X-API-Key': 'my-key' },
      });
    expect((await send('another-app')).status).toBe(401);
    expect((await send('my-app')).status).toBe(202);
    expect(await job.interrupt()).toEqual({ code: 0, signal: null });
  }, 60_000);

  it.each([['abc'], ['70000'], ['']])('refuses --docs-port %j with a one-line reason and status 2', async (value) => {
    job = start('--docs-port', value);
    expect((await job.ended()).code).toBe(2);
    expect(job.output).toBe(`start: --docs-port must be a port number (0–65535), not "${value}"\n`);
  });

  it('reports a bad flag of the mock gateway as the mock’s, and the docs keep running', async () => {
    job = start('--docs-port', '0', '--prot', '4010');
    await job.waitFor(LISTENING('docs'));
    await job.waitFor(/^\[mock\] call-control-mock: .*--prot/m);
    expect(await job.interrupt()).toEqual({ code: 0, signal: null });
  }, 60_000);
});
