// The source document's three curl commands, byte for byte but for the host and a real
// session UUID in place of {uuid}, run with the real curl.
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { newSession, startGateway } from '../support/gateway.js';
import { expectValid } from '../support/spec.js';

// The commands as the source prints them (spec/source/call-control.original.txt).
const SOURCE = readFileSync(new URL('../../../../spec/source/call-control.original.txt', import.meta.url), 'utf8');
const CURLS = [
  ...SOURCE.matchAll(
    /curl -X POST https:\/\/gateway\.example\.com(\S+) \\\n-H "X-App-ID: YOUR_APP_ID" \\\n-H "X-API-Key: YOUR_API_KEY" \\\n-H "Content-Type: application\/json" \\\n-d '([^']*)'/g,
  ),
];

let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

it('finds the three curl commands in the source document', () => {
  expect(CURLS.map(([, path]) => path)).toEqual([
    '/api/v1/sessions/{uuid}/commands/answer',
    '/api/v1/sessions/{uuid}/commands/hangup',
    '/api/v1/sessions/{uuid}/commands/disconnect',
  ]);
});

it('answers each with 202 and a valid envelope, each with its own operation_id', async () => {
  const operationIds = [];
  for (const [, path, body] of CURLS) {
    const url = `${gateway.url}${path!.replace('{uuid}', newSession())}`;
    const { stdout } = await promisify(execFile)('curl', [
      '-sS',
      '-w',
      '\n%{http_code}',
      '-X',
      'POST',
      url,
      '-H',
      'X-App-ID: YOUR_APP_ID',
      '-H',
      'X-API-Key: YOUR_API_KEY',
      '-H',
      'Content-Type: application/json',
      '-d',
      body!,
    ]);
    const [json, status] = stdout.split('\n');
    expect(status).toBe('202');
    const envelope = JSON.parse(json!);
    expectValid('DeferredOperation', envelope);
    expect(envelope).toMatchObject({ status: 'in_progress', timeout_ms: 2000 });
    operationIds.push(envelope.operation_id);
  }
  expect(new Set(operationIds).size).toBe(3);
});
