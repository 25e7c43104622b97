// The CLI as users run it: a real process. (Each flag's rule, refused both here and
// in-process: test/resolve-options.test.ts.)
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it, vi } from 'vitest';
import { rawSocket } from './support/raw-http.js';
import { flagOf, SWITCHES, VALUE_FLAGS } from '../src/cli-flags.js';

const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function run(args: string[], env: Record<string, string> = {}, cwd = process.cwd()) {
  const child = spawn(process.execPath, [CLI, ...args], {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = once(child, 'exit').then(([code]) => code as number);
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /listening on (http:\/\/\S+)/.exec(stdout);
      if (match) resolve(match[1]!);
    });
    void exited.then(() => reject(new Error(`exited before listening: ${stderr}`)));
  });
  listening.catch(() => {}); // awaited only by the tests that expect it to listen
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

describe('call-control-mock', () => {
  it.each([
    [['--bogus'], /^call-control-mock: unknown flag --bogus; --help lists every flag$/],
    [
      ['--webhook-ur', 'x'],
      /^call-control-mock: unknown flag --webhook-ur \(did you mean --webhook-url\?\); --help lists every flag$/,
    ],
    [
      ['--drop-response', '1'],
      /^call-control-mock: unknown flag --drop-response \(did you mean --drop-responses\?\); --help lists every flag$/,
    ],
    [['--quite'], /^call-control-mock: unknown flag --quite \(did you mean --quiet\?\); --help lists every flag$/],
    [['--port'], /^call-control-mock: Option '--port <value>' argument missing \(--help lists every flag\)$/],
    [['now'], /^call-control-mock: Unexpected argument 'now'.* \(--help lists every flag\)$/],
  ])('rejects %j with one line and exit 2', async (args, message) => {
    const cli = run(args);
    expect(await cli.exited).toBe(2);
    const { stderr } = cli.output();
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  });

  it('--help describes --allowed-hosts and --max-stream-subscribers, and exits 0', async () => {
    const cli = run(['--help']);
    expect(await cli.exited).toBe(0);
    const { stdout } = cli.output();
    expect(stdout).toMatch(
      /--allowed-hosts NAME\[,NAME…\] +host names served .*\.example\.test: it and every name under it/,
    );
    expect(stdout).toMatch(/--max-stream-subscribers N +how many may follow the event stream.*default 32/);
  });

  it('--allowed-hosts: serves the names given, and refuses others 403', async () => {
    const cli = run(['--port', '0', '--allowed-hosts', 'mock.test, .tunnel.test', '--quiet']);
    const url = await cli.listening;
    const status = async (host: string) =>
      (await rawSocket(url, `GET /__mock/deliveries HTTP/1.1\r\nHost: ${host}\r\nConnection: close\r\n\r\n`)).status;
    expect([await status('mock.test:4010'), await status('a.tunnel.test'), await status('other.test')]).toEqual([
      200, 200, 403,
    ]);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('prints "listening on", answers, logs one line per request, and exits 0 on SIGTERM', async () => {
    const workdir = mkdtempSync(join(tmpdir(), 'mock-cli-'));
    const cli = run(['--port', '0', '--webhook-url', 'http://127.0.0.1:9/never'], {}, workdir);
    const url = await cli.listening;
    expect(cli.output().stdout).toMatch(/webhook secret \(generated\): whsec_[A-Za-z0-9+/=]+/);
    const session = crypto.randomUUID();
    const response = await fetch(`${url}/api/v1/sessions/${session}/commands/answer`, {
      method: 'POST',
      headers: { 'X-App-ID': 'a', 'X-API-Key': 'k', 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(202);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(cli.output().stdout).toMatch(
      new RegExp(`POST /api/v1/sessions/${session}/commands/answer 202 \\d+\\.\\dms`),
    );
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    // The receiver never answered: what shutdown left is reported, not dropped.
    expect(cli.output().stdout).toMatch(/undelivered: webhook \S+ evt_\w+/);
    // And counted: one command accepted, its two webhooks given up on.
    expect(cli.output().stdout).toMatch(/^stopped: 1 command accepted; webhooks: 0 delivered, 2 undelivered$/m);
    // And nothing was written where it ran (Prism's logger once wrote a file called "silent").
    expect(readdirSync(workdir)).toEqual([]);
    rmSync(workdir, { recursive: true, force: true });
  });

  it('writes JSON lines with --log-format json, and nothing per request with --quiet', async () => {
    for (const [args, check] of [
      [
        ['--log-format', 'json'],
        (stdout: string) => expect(stdout).toMatch(/\{"time":"[^"]+","level":"info","kind":"request","method":"POST"/),
      ],
      [['--quiet'], (stdout: string) => expect(stdout).not.toMatch(/POST \/api/)],
    ] as const) {
      const cli = run(['--port', '0', ...args]);
      const url = await cli.listening;
      await fetch(`${url}/api/v1/sessions/${crypto.randomUUID()}/commands/disconnect`, {
        method: 'POST',
        headers: { 'X-App-ID': 'a', 'X-API-Key': 'k', 'Content-Type': 'application/json' },
        body: '{}',
      });
      await new Promise((resolve) => setTimeout(resolve, 100));
      cli.child.kill('SIGINT');
      expect(await cli.exited).toBe(0);
      check(cli.output().stdout);
    }
  });

  it('prints the inspector beside its URL, and says which chaos is on; the latency shows in the log', async () => {
    const cli = run(['--port', '0', '--latency', '200', '--webhook-duplicates', '0.5', '--journal-size', '10']);
    const url = await cli.listening;
    await vi.waitFor(() => expect(cli.output().stdout).toContain(`inspector on ${url}/__mock/`));
    expect(cli.output().stdout).toContain("chaos: each command's response waits 200 ms after the command ran");
    expect(cli.output().stdout).toContain(
      'chaos: a delivered webhook is delivered once more (same webhook-id) with probability 0.5',
    );
    const session = crypto.randomUUID();
    const started = performance.now();
    await fetch(`${url}/api/v1/sessions/${session}/commands/answer`, {
      method: 'POST',
      headers: { 'X-App-ID': 'a', 'X-API-Key': 'k' },
    });
    // Measured by the client, which sent first: a lower bound, with a millisecond of timer slack.
    expect(performance.now() - started).toBeGreaterThanOrEqual(199);
    await vi.waitFor(() =>
      expect(cli.output().stdout).toMatch(
        new RegExp(`POST /api/v1/sessions/${session}/commands/answer 202 \\d+\\.\\dms \\(latency 200 ms\\)`),
      ),
    );
    expect((await (await fetch(`${url}/__mock/deliveries?session=${session}`)).json()).deliveries).toHaveLength(2);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('reads the webhook settings from MOCK_WEBHOOK_URL and MOCK_WEBHOOK_SECRET', async () => {
    const secret = `whsec_${Buffer.from('from-the-environment').toString('base64')}`;
    const cli = run(['--port', '0'], { MOCK_WEBHOOK_URL: 'http://127.0.0.1:9/hooks', MOCK_WEBHOOK_SECRET: secret });
    await cli.listening;
    expect(cli.output().stdout).not.toMatch(/no --webhook-url|generated/);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('bounds what it keeps as the --max-… flags say: sessions, keys per session, the webhook backlog', async () => {
    const flags = [
      '--max-sessions',
      '2',
      '--max-keys-per-session',
      '1',
      '--max-webhook-backlog',
      '3',
      '--max-webhook-backlog-per-session',
      '1',
    ];
    const cli = run(['--port', '0', '--webhook-url', 'http://127.0.0.1:9/never', ...flags]);
    const url = await cli.listening;
    const command = (session: string, name: string, body: object, scenario = 'result=succeeded') =>
      fetch(`${url}/api/v1/sessions/${session}/commands/${name}`, {
        method: 'POST',
        headers: { 'X-App-ID': 'a', 'X-API-Key': 'k', 'Content-Type': 'application/json', 'X-Mock-Scenario': scenario },
        body: JSON.stringify(body),
      });
    // One key per session: a second key pushes the first out, so the first runs again.
    const [ringing, other, third] = [crypto.randomUUID(), crypto.randomUUID(), crypto.randomUUID()];
    for (const uid of ['k-1', 'k-2', 'k-1']) {
      const response = await command(ringing, 'answer', { command_uid: uid }, 'result=failed');
      expect([response.status, response.headers.get('idempotent-replayed')]).toEqual([202, null]);
    }
    // Each answer plans two webhooks (due 20 ms on); one per session fits the backlog.
    await vi.waitFor(() =>
      expect(
        cli.output().stdout.match(/was not queued: the session's backlog is full \(1\)/g)?.length,
      ).toBeGreaterThanOrEqual(1),
    );
    // Two sessions are remembered: a third pushes the first out.
    await command(other, 'answer', {});
    await command(third, 'answer', {});
    expect((await fetch(`${url}/__mock/sessions/${ringing}`)).status).toBe(404);
    expect((await fetch(`${url}/__mock/sessions/${third}`)).status).toBe(200);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('reads the credentials from MOCK_APP_ID and MOCK_API_KEY, so they are not in the process list', async () => {
    const cli = run(['--port', '0'], { MOCK_APP_ID: 'env-app', MOCK_API_KEY: 'env-key' });
    const url = await cli.listening;
    const path = `${url}/api/v1/sessions/${crypto.randomUUID()}/commands/answer`;
    const send = (key: string) => fetch(path, { method: 'POST', headers: { 'X-App-ID': 'env-app', 'X-API-Key': key } });
    expect((await send('wrong')).status).toBe(401);
    expect((await send('env-key')).status).toBe(202);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('--help describes every flag, and exits 0', async () => {
    const cli = run(['--help']);
    expect(await cli.exited).toBe(0);
    const { stdout } = cli.output();
    for (const flag of [...Object.keys(VALUE_FLAGS), ...Object.keys(SWITCHES)].map(flagOf))
      expect(stdout, flag).toMatch(new RegExp(`^  ${flag}(?: \\S+)?\\s{2,}\\S`, 'm'));
  });

  it('a port in use is one line naming --port, exit 2', async () => {
    const first = run(['--port', '0']);
    const { port } = new URL(await first.listening);
    const second = run(['--port', port]);
    expect(await second.exited).toBe(2);
    expect(second.output().stderr.trim()).toBe(
      `call-control-mock: 127.0.0.1:${port} is already in use: pick another port with --port (0 picks a free one)`,
    );
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
  });

  it('says at start-up where webhooks go, or that it is an inbox', async () => {
    const secret = `whsec_${Buffer.from('where-the-webhooks-go-32-bytes!!').toString('base64')}`;
    const sending = run(['--port', '0', '--webhook-url', 'http://127.0.0.1:9/hooks', '--webhook-secret', secret]);
    await sending.listening;
    expect(sending.output().stdout).toContain(
      `webhooks go to http://127.0.0.1:9/hooks, signed with ${secret.slice(0, 10)}…`,
    );
    expect(sending.output().stdout).not.toContain(secret);
    const inbox = run(['--port', '0']);
    const url = await inbox.listening;
    expect(inbox.output().stdout).toContain(
      `no --webhook-url: the mock is an inbox; webhooks are journaled, not sent (read them at ${url}/__mock/deliveries or in the inspector)`,
    );
    for (const cli of [sending, inbox]) {
      cli.child.kill('SIGTERM');
      expect(await cli.exited).toBe(0);
    }
  });

  it('a receiver answering 401 gets one hint, once, naming only the first characters of the secret', async () => {
    const secret = `whsec_${Buffer.from('the-mocks-own-secret-of-32-bytes').toString('base64')}`;
    const refusing = createServer((req, res) => {
      req.resume();
      res.writeHead(401).end();
    });
    await new Promise<void>((resolve) => refusing.listen(0, '127.0.0.1', resolve));
    const hooks = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}/hooks`;
    const cli = run(['--port', '0', '--webhook-url', hooks, '--webhook-secret', secret, '--retry-scale', '0.0001']);
    const url = await cli.listening;
    for (let i = 0; i < 3; i++)
      await fetch(`${url}/api/v1/sessions/${crypto.randomUUID()}/commands/hangup`, {
        method: 'POST',
        headers: { 'X-App-ID': 'a', 'X-API-Key': 'k' },
      });
    await vi.waitFor(() => expect(cli.output().stdout.match(/→ 401/g)?.length).toBeGreaterThanOrEqual(6));
    const hints = cli
      .output()
      .stdout.split('\n')
      .filter((line) => line.includes('compare its secret'));
    expect(hints).toEqual([
      `WARN receiver ${hooks} answered 401: if it checks signatures, compare its secret with the one this mock signs with, ${secret.slice(0, 10)}… (set it with --webhook-secret or MOCK_WEBHOOK_SECRET)`,
    ]);
    expect(cli.output().stdout).not.toContain(secret);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
    await new Promise((resolve) => refusing.close(resolve));
  });

  it('a receiver that cannot be reached is one summary line, not a line per attempt', async () => {
    // The whole schedule (about 27 hours) in about a second per webhook.
    const cli = run(['--port', '0', '--webhook-url', 'http://127.0.0.1:9/never', '--retry-scale', '0.00001']);
    const url = await cli.listening;
    for (let i = 0; i < 5; i++)
      await fetch(`${url}/api/v1/sessions/${crypto.randomUUID()}/commands/hangup`, {
        method: 'POST',
        headers: { 'X-App-ID': 'a', 'X-API-Key': 'k' },
      });
    // Ten webhooks, each tried on the whole (scaled) schedule, then given up.
    await vi.waitFor(
      () => expect(cli.output().stdout.match(/undelivered: webhook .* exhausted its attempts/g)).toHaveLength(10),
      {
        timeout: 10_000,
      },
    );
    const { stdout } = cli.output();
    expect(stdout).not.toMatch(/attempt \d+ → ECONNREFUSED/);
    expect(stdout.match(/receiver http:\/\/127\.0\.0\.1:9\/never (still )?cannot be reached/g)).toHaveLength(1);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });
});
