// The call flows of the source document as Arazzo workflows (spec/arazzo/), run by the real
// `redocly respect` against the mock gateway: every step of every workflow must pass.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { startMockGateway, type MockGateway } from '@call-control/mock-gateway';
import { afterAll, beforeAll, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const redocly = require.resolve('@redocly/cli/bin/cli.js');
const specDir = dirname(require.resolve('@call-control/spec/package.json'));
const WORKFLOWS = join(specDir, 'arazzo', 'call-flows.arazzo.yaml');
const env = { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' };
const run = (args: string[]) =>
  promisify(execFile)(process.execPath, [redocly, ...args], { cwd: specDir, env }).then(
    ({ stdout }) => ({ code: 0, stdout }),
    (failure: { code: number; stdout: string; stderr: string }) => ({
      code: failure.code,
      stdout: failure.stdout + failure.stderr,
    }),
  );

let gateway: MockGateway;
const out = mkdtempSync(join(tmpdir(), 'respect-'));
beforeAll(async () => {
  gateway = await startMockGateway({ port: 0, quiet: true });
});
afterAll(async () => {
  await gateway.close();
  rmSync(out, { recursive: true, force: true });
});

it('the workflows are valid Arazzo', async () => {
  const { code, stdout } = await run(['lint', WORKFLOWS, '--format', 'json']);
  const report = JSON.parse(stdout.slice(stdout.indexOf('{')));
  expect(report.problems).toEqual([]);
  expect(code).toBe(0);
});

it('every workflow passes against the mock gateway', async () => {
  const log = join(out, 'respect.json');
  const { code, stdout } = await run([
    'respect',
    WORKFLOWS,
    '--server',
    `callControl=${gateway.url}`,
    '--input',
    'appId=app-arazzo',
    '--input',
    'apiKey=key-arazzo',
    '-J',
    log,
  ]);
  const summary = /Workflows: (.*)\n.*Steps: (.*)\n.*Checks: (.*)/.exec(stripVTControlCharacters(stdout));
  expect(summary?.slice(1)).toEqual([
    expect.stringMatching(/^(\d+) passed, \1 total$/),
    expect.stringMatching(/^(\d+) passed, \1 total$/),
    expect.stringMatching(/^(\d+) passed, \1 total$/),
  ]);
  expect(code).toBe(0);
  // Every workflow of the file ran (none skipped).
  const workflows = [...readFileSync(WORKFLOWS, 'utf8').matchAll(/^ {2}- workflowId: (\w+)$/gm)].map(([, id]) => id);
  expect(workflows).toEqual(['answerThenHangUp', 'disconnect', 'idempotentReplay', 'badInput', 'unauthenticated']);
  expect(summary?.[1]).toBe(`${workflows.length} passed, ${workflows.length} total`);
});
