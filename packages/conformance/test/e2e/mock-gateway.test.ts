// Our mock gateway, started with its own command (`call-control-mock`, the retry schedule
// compressed with --retry-scale), checked by the `call-control-conformance` command against the
// bundled contract: every case runs (it has the control plane), and every case passes.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { gatewayCases } from '../../src/index.js';
import { freePort } from '../support/broken-gateway.js';
import { testSecret } from '../support/contracts.js';
import { runCli } from '../support/run-cli.js';

const MOCK = fileURLToPath(new URL('../../node_modules/.bin/call-control-mock', import.meta.url));
const secret = testSecret('mock-cli');
let mock: ChildProcess;
let baseUrl: string;
let listen: string;

beforeAll(async () => {
  listen = `127.0.0.1:${await freePort()}`;
  const args = [
    '--port',
    '0',
    '--webhook-url',
    `http://${listen}/webhooks`,
    '--webhook-secret',
    secret,
    '--app-id',
    'app',
    '--api-key',
    'key',
    '--retry-scale',
    '0.001',
    '--quiet',
  ];
  mock = spawn(MOCK, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  baseUrl = await new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match !== null) resolve(match[1]!);
    };
    mock.stdout!.on('data', read);
    mock.stderr!.on('data', read);
    mock.once('exit', () => reject(new Error(`call-control-mock exited:\n${output}`)));
  });
});
afterAll(() => {
  mock?.kill('SIGTERM');
});

it('passes every gateway case, skipping none', async () => {
  const { code, stdout, stderr } = await runCli([
    'gateway',
    '--base-url',
    baseUrl,
    '--app-id',
    'app',
    '--api-key',
    'key',
    '--webhook-secret',
    secret,
    '--listen',
    listen,
    '--schedule-scale',
    '0.001',
    '--json',
  ]);
  expect(stderr).toBe('');
  const report = JSON.parse(stdout);
  expect(report.cases.map(({ id }: { id: string }) => id)).toEqual(gatewayCases().map(({ id }) => id));
  expect(report.skipped).toBe(0);
  const failed = report.cases.filter(({ outcome }: { outcome: string }) => outcome === 'failed');
  expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
  expect(code).toBe(0);
});
