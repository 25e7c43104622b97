// Our mock gateway, started with its own command (`call-control-mock`, the retry schedule
// compressed with --retry-scale), checked by the `call-control-conformance` command against the
// bundled contract: every case runs (it has the control plane), and every case passes.
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { gatewayCases } from '../../src/index.js';
import { freePort } from '../support/broken-gateway.js';
import { testSecret } from '../support/contracts.js';
import { runCli } from '../support/run-cli.js';

const MOCK = fileURLToPath(new URL('../../node_modules/.bin/call-control-mock', import.meta.url));
const secret = testSecret('mock-cli');
let mock: ChildProcess | undefined;

/** The mock, told to deliver to `listen`: its base URL once it says it listens. */
function startMock(listen: string): Promise<string> {
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
  const started = spawn(MOCK, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  mock = started;
  let output = '';
  return new Promise((resolve, reject) => {
    const read = (chunk: Buffer) => {
      output += chunk;
      const match = output.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
      if (match !== null) resolve(match[1]!);
    };
    started.stdout!.on('data', read);
    started.stderr!.on('data', read);
    started.once('exit', () => reject(new Error(`call-control-mock exited:\n${output}`)));
  });
}

/** Stops the mock (SIGTERM) and waits for it to exit. */
async function stopMock(): Promise<void> {
  const running = mock;
  mock = undefined;
  if (running === undefined || running.exitCode !== null || running.signalCode !== null) return;
  const exited = new Promise((resolve) => running.once('exit', resolve));
  running.kill('SIGTERM');
  await exited;
}
afterAll(stopMock);

/**
 * The kit against a mock that delivers to the port picked for the kit's receiver. The mock is
 * told that port before the kit listens on it, so another process can take it in between: then
 * the kit says `--listen …: the port is in use`, and the run is made again on another port (at
 * most three times).
 */
async function checkMock() {
  for (let attempt = 1; ; attempt++) {
    const listen = `127.0.0.1:${await freePort()}`;
    const baseUrl = await startMock(listen);
    try {
      const result = await runCli([
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
      if (!result.stderr.includes(`--listen ${listen}: the port is in use`) || attempt === 3) return result;
    } finally {
      await stopMock();
    }
  }
}

it('passes every gateway case, skipping none', async () => {
  const { code, stdout, stderr } = await checkMock();
  expect(stderr).toBe('');
  const report = JSON.parse(stdout);
  expect(report.cases.map(({ id }: { id: string }) => id)).toEqual(gatewayCases().map(({ id }) => id));
  expect(report.skipped).toBe(0);
  const failed = report.cases.filter(({ outcome }: { outcome: string }) => outcome === 'failed');
  expect(failed, JSON.stringify(failed, null, 2)).toEqual([]);
  expect(code).toBe(0);
});
