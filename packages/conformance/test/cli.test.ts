import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContract } from '../src/contract.js';
import { answeredInTimeCase, receiverCases } from '../src/receiver/check-receiver.js';
import { startReceiver } from './fixtures/standard-receiver.mjs';
import { testSecret } from './support/contracts.js';
import { serve } from './support/http-server.js';
import { runCli } from './support/run-cli.js';

const secret = testSecret('cli');
const contract = readContract();
let closedPort: number;
let busy: Awaited<ReturnType<typeof serve>>;
beforeAll(async () => {
  const gone = await serve(() => {});
  closedPort = gone.port;
  await gone.close();
  busy = await serve((_seen, res) => void res.writeHead(404).end());
});
afterAll(() => busy.close());

describe('bad input: one line, exit 2, nothing sent', () => {
  const gateway = (listen: string, baseUrl = busy.url) => [
    'gateway',
    '--base-url',
    baseUrl,
    '--app-id',
    'a',
    '--api-key',
    'k',
    '--webhook-secret',
    secret,
    '--listen',
    listen,
  ];
  it.each([
    [[], 'say which side to check: receiver or gateway (--help shows the usage)'],
    [
      ['receiver', 'http://127.0.0.1:3000/', '--secret', 'hunter2'],
      '--secret must be whsec_ followed by padded base64 (as the gateway shows it) (--help shows the usage)',
    ],
    [
      ['receiver', 'http://127.0.0.1:3000/', '--secret', secret, '--retry', '3'],
      "Unknown option '--retry' (--help shows the usage)",
    ],
    [
      () => ['receiver', `http://127.0.0.1:${closedPort}/webhooks`, '--secret', secret],
      () => `cannot reach http://127.0.0.1:${closedPort}/webhooks: ECONNREFUSED`,
    ],
    [
      () => gateway('127.0.0.1:0', `http://127.0.0.1:${closedPort}`),
      () => `cannot reach http://127.0.0.1:${closedPort}: ECONNREFUSED`,
    ],
    [() => gateway(`127.0.0.1:${busy.port}`), () => `--listen 127.0.0.1:${busy.port}: the port is in use`],
  ])('%j', async (args, message) => {
    const { code, stdout, stderr } = await runCli(typeof args === 'function' ? args() : args);
    expect(stderr).toBe(`call-control-conformance: ${typeof message === 'function' ? message() : message}\n`);
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });

  it('prints the usage for --help, exit 0', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(stdout).toMatch(/^usage: call-control-conformance receiver <url> --secret whsec_… /);
    expect(code).toBe(0);
  });
});

describe('a receiver run', () => {
  let honest: Awaited<ReturnType<typeof startReceiver>>;
  let broken: Awaited<ReturnType<typeof startReceiver>>;
  beforeAll(async () => {
    honest = await startReceiver(secret);
    broken = await startReceiver(
      secret,
      (await import('./fixtures/receivers/checks-only-the-first-signature.mjs')).default,
    );
  });
  afterAll(async () => {
    await honest.close();
    await broken.close();
  });

  it('prints a line per case and the summary, exit 0 when nothing failed', async () => {
    const { code, stdout } = await runCli(['receiver', honest.url, '--secret', secret]);
    const lines = stdout.trimEnd().split('\n');
    const count = receiverCases(contract).length + 1;
    expect(lines[0]).toBe(`receiver ${honest.url}`);
    expect(lines.slice(1, -1).every((line) => line.startsWith('✔ receiver.'))).toBe(true);
    expect(lines.slice(1, -1)).toHaveLength(count);
    expect(lines.at(-1)).toBe(`receiver: ${count} passed, 0 failed`);
    expect(code).toBe(0);
  });

  it('prints the JSON report with --json and writes JUnit XML with --junit, exit 1 when a case failed', async () => {
    const junit = join(mkdtempSync(join(tmpdir(), 'conformance-junit-')), 'report.xml');
    const { code, stdout } = await runCli(['receiver', broken.url, '--secret', secret, '--json', '--junit', junit]);
    const report = JSON.parse(stdout);
    expect(Object.keys(report)).toEqual(['target', 'cases', 'passed', 'failed', 'skipped']);
    expect(report.cases.map((entry: object) => Object.keys(entry))).toEqual(
      report.cases.map(() => ['id', 'title', 'outcome', 'detail', 'spec']),
    );
    expect(report.cases.map(({ id }: { id: string }) => id)).toEqual(
      [...receiverCases(contract), answeredInTimeCase(contract)].map(({ id }) => id),
    );
    expect(
      report.cases
        .filter(({ outcome }: { outcome: string }) => outcome === 'failed')
        .map(({ id }: { id: string }) => id),
    ).toEqual(['receiver.secret-rotation']);
    expect(report).toMatchObject({ target: broken.url, failed: 1, skipped: 0 });
    expect(readFileSync(junit, 'utf8')).toContain(
      `<testsuites name="call-control-conformance" tests="${report.cases.length}" failures="1" skipped="0">`,
    );
    expect(code).toBe(1);
  });

  it('refuses a --junit file it cannot write, exit 2', async () => {
    const { code, stderr } = await runCli([
      'receiver',
      honest.url,
      '--secret',
      secret,
      '--junit',
      '/nonexistent-dir/report.xml',
    ]);
    expect(stderr).toBe('call-control-conformance: --junit /nonexistent-dir/report.xml: ENOENT\n');
    expect(code).toBe(2);
  });
});
