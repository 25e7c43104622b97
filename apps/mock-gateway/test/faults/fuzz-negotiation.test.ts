// Fuzzing the two headers that steer the mock, on otherwise valid commands: `Prefer` (Prism's
// code / example / dynamic negotiation, with names every object has, like __proto__) and
// `X-Mock-Scenario` (its directives, valid and not, combined). Whatever they say, the answer is
// a 2xx or a 4xx — a 5xx only when the header itself asked for that status (`code=503`,
// `status=503`) — without hanging (no header holds an answer: 10 s is a hang, not a slow
// machine; speed is the bench's), and nothing fails inside the gateway.
//
// Replay a failure with FUZZ_SEED=<seed> pnpm --filter @call-control/mock-gateway test -- fuzz-negotiation
import { Agent } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fuzzRuns, sendRequest } from '../support/fuzz-client.js';
import { AUTH, startGateway } from '../support/gateway.js';
import { spec } from '../support/spec.js';

const RUNS = Math.max(100, Math.round(Number(process.env.FUZZ_RUNS ?? 10_000) / 5));
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  gateway = await startGateway();
  await gateway.preload(); // Prism, for Prefer, would otherwise load with the first request
});
afterAll(async () => {
  agent.destroy();
  await gateway.close();
});

/** Printable ASCII that node:http will send in a header value. */
const printable = (max: number) => fc.stringMatching(new RegExp(`^[\\x20-\\x7e]{0,${max}}$`));
const PROTOTYPE_NAMES = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__defineGetter__',
];
const DOCUMENTED = Object.keys(spec.paths['/api/v1/sessions/{uuid}/commands/hangup'].post.responses);

const preferValue = fc.oneof(
  fc
    .record(
      {
        code: fc.oneof(fc.constantFrom(...DOCUMENTED), fc.integer({ min: -1, max: 999 }).map(String), printable(6)),
        example: fc.oneof(fc.constantFrom(...Object.keys(spec.components.examples), ...PROTOTYPE_NAMES), printable(12)),
        dynamic: fc.constantFrom('true', 'false', 'yes', ''),
      },
      { requiredKeys: [] },
    )
    .map((parts) =>
      Object.entries(parts)
        .map(([name, value]) => `${name}=${value}`)
        .join(', '),
    ),
  printable(40),
);

const directive = fc.oneof(
  fc.constantFrom('succeeded', 'failed', 'timed-out', 'x', '').map((value) => `result=${value}`),
  fc.constantFrom('404', '429', '503', '500', '200', 'x').map((value) => `status=${value}`),
  fc
    .oneof(fc.integer({ min: 0, max: 99_999 }).map(String), fc.constantFrom('x', '-1', '1.5', '100000'))
    .map((value) => `retry-after=${value}`),
  // A valid delay is kept short, so a run stays quick; the invalid ones are what is fuzzed.
  fc
    .oneof(fc.integer({ min: 0, max: 20 }).map(String), fc.constantFrom('60001', '-1', 'x', '1e3', '9999999'))
    .map((value) => `dispatch-delay=${value}`),
  fc.constantFrom(...PROTOTYPE_NAMES).map((name) => `${name}=1`),
  printable(15).filter((text) => !/dispatch-delay/.test(text)),
);
const scenarioValue = fc.array(directive, { maxLength: 4 }).map((directives) => directives.join('; '));

const steered = fc.record(
  {
    command: fc.constantFrom('answer', 'hangup', 'disconnect'),
    prefer: preferValue,
    scenario: scenarioValue,
  },
  { requiredKeys: ['command'] },
);

/** The 5xx statuses a request asked for itself, by Prefer or by scenario. */
function asked5xx({ prefer, scenario }: { prefer?: string; scenario?: string }): number[] {
  return [...`${prefer ?? ''} ${scenario ?? ''}`.matchAll(/(?:code|status)\s*=\s*(5\d\d)\b/g)].map((match) =>
    Number(match[1]),
  );
}

it(`answers ${RUNS} commands with fuzzed Prefer and X-Mock-Scenario headers with a 2xx or 4xx (a 5xx only when asked)`, async () => {
  const byKind = new Map<string, number>();
  const byStatus = new Map<number, number>();
  let unasked5xx = 0;
  await fc.assert(
    fc.asyncProperty(steered, async (request) => {
      const headers: Record<string, string> = { ...AUTH, 'content-type': 'application/json' };
      if (request.prefer !== undefined) headers.prefer = request.prefer;
      if (request.scenario !== undefined) headers['x-mock-scenario'] = request.scenario;
      const path = `/api/v1/sessions/${crypto.randomUUID()}/commands/${request.command}`;
      const response = await sendRequest(gateway.url, agent, {
        method: 'POST',
        path,
        headers,
        body: Buffer.from('{}'),
      });
      const label = `${JSON.stringify(request)} → ${response.status} ${response.text.slice(0, 200)}`;
      expect(response.ms, label).toBeLessThan(10_000);
      if (response.status >= 500 && !asked5xx(request).includes(response.status)) unasked5xx += 1;
      const fine =
        (response.status >= 200 && response.status < 300) ||
        (response.status >= 400 && response.status < 500) ||
        asked5xx(request).includes(response.status);
      expect(fine, label).toBe(true);
      const kind =
        [request.prefer !== undefined ? 'Prefer' : '', request.scenario !== undefined ? 'X-Mock-Scenario' : '']
          .filter(Boolean)
          .join(' + ') || 'neither';
      byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
      byStatus.set(response.status, (byStatus.get(response.status) ?? 0) + 1);
    }),
    fuzzRuns(RUNS),
  );
  console.log(
    `fuzz-negotiation: ${RUNS} commands, by header: ${JSON.stringify(Object.fromEntries(byKind))}; by status: ${JSON.stringify(Object.fromEntries([...byStatus].sort(([a], [b]) => a - b)))}; unasked 5xx: ${unasked5xx}`,
  );
  expect(gateway.lines.filter((line) => /internal error/.test(line))).toEqual([]);
  expect([...byStatus.keys()].some((status) => status >= 200 && status < 300)).toBe(true);
  expect([...byStatus.keys()].some((status) => status >= 400 && status < 500)).toBe(true);
}, 300_000);
