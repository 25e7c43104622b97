// The oracle must be able to fail: `prism proxy --errors` in front of a server that answers
// with a 202 the spec does not allow reports it.
import { bundledSpecJsonPath } from '@call-control/spec';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startUpstream, type Upstream } from './support/upstream.js';
import { startPrism } from './support/targets.js';

let upstream: Upstream;
let proxy: Awaited<ReturnType<typeof startPrism>>;
beforeAll(async () => {
  upstream = await startUpstream();
  proxy = await startPrism(['proxy', bundledSpecJsonPath, upstream.url, '--errors']);
}, 60_000);
afterAll(async () => {
  await proxy?.stop();
  await upstream?.close();
});

it('flags a response that breaks the spec', async () => {
  upstream.answer({ status: 202, body: { operation_id: 'not-a-uuid', status: 'done' } });
  const response = await fetch(`${proxy.baseUrl}/api/v1/sessions/${crypto.randomUUID()}/commands/answer`, {
    method: 'POST',
    headers: { 'X-App-ID': 'a', 'X-API-Key': 'k', 'Content-Type': 'application/json' },
    body: '{}',
  });
  // With --errors, Prism answers 500 and lists each violation of the upstream's response.
  expect(response.status).toBe(500);
  const violations = JSON.parse(response.headers.get('sl-violations') ?? '[]');
  expect(
    violations.map((violation: { location: string[]; code: string }) => [violation.location.join('.'), violation.code]),
  ).toEqual([
    ['response.body', 'required'],
    ['response.body.operation_id', 'format'],
    ['response.body.status', 'enum'],
  ]);
});
