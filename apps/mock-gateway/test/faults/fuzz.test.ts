// Fuzzing the mock gateway with fast-check: at least 10,000 generated bad requests — mutated
// and truncated JSON, wrong types, over-long and pattern-breaking strings, invalid UTF-8,
// member names given twice, charsets and content codings the API does not read, duplicate and
// junk headers, wrong content types, bad UUIDs, unknown routes. (The Prefer and X-Mock-Scenario
// headers are fuzzed in fuzz-negotiation, the HTTP framing in fuzz-framing.) Every one must be
// answered within 1 s with a 4xx problem body that validates against the spec (so: no 5xx, no
// hang, no crash), and valid requests keep succeeding throughout.
//
// On failure fast-check prints the seed and the shrunk request; replay with
// FUZZ_SEED=<seed> pnpm --filter @call-control/mock-gateway test -- fuzz
import { Agent } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { badRequest, JSON_HEADERS, type BadRequest } from '../support/bad-requests.js';
import { startGateway } from '../support/gateway.js';
import { fuzzRuns, sendRequest } from '../support/fuzz-client.js';
import { specViolations } from '../support/spec.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const agent = new Agent({ keepAlive: true, maxSockets: 1 });
let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(async () => {
  agent.destroy();
  await gateway.close();
});

const send = (bad: Pick<BadRequest, 'method' | 'path' | 'headers' | 'body'>) => sendRequest(gateway.url, agent, bad);

it(`answers ${RUNS} bad requests with a 4xx problem, each within 1 s, and keeps serving`, async () => {
  const byDefect = new Map<string, number>();
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(badRequest, async (bad) => {
      const response = await send(bad);
      expect(response.ms, bad.defect).toBeLessThan(1_000);
      expect(response.status, `${bad.defect}: ${response.text}`).toBeGreaterThanOrEqual(400);
      expect(response.status, `${bad.defect}: ${response.text}`).toBeLessThan(500);
      if (bad.status !== undefined) expect(response.status, `${bad.defect}: ${response.text}`).toBe(bad.status);
      expect(response.contentType).toBe('application/problem+json');
      const problem = JSON.parse(response.text);
      expect(specViolations('#/components/schemas/Problem', problem)).toEqual([]);
      expect(problem.status).toBe(response.status);
      byDefect.set(bad.defect, (byDefect.get(bad.defect) ?? 0) + 1);
      // Every 100 bad requests, a good one must still succeed.
      if (++sent % 100 === 0) {
        const good = await send({
          method: 'POST',
          path: `/api/v1/sessions/${crypto.randomUUID()}/commands/answer`,
          headers: JSON_HEADERS,
          body: Buffer.from('{}'),
        });
        expect(good.status).toBe(202);
      }
    }),
    fuzzRuns(RUNS),
  );
  console.log(`fuzz: ${sent} bad requests, by defect: ${JSON.stringify(Object.fromEntries(byDefect))}`);
  expect(sent).toBeGreaterThanOrEqual(RUNS);
  expect(byDefect.size).toBeGreaterThanOrEqual(15);
  expect(gateway.lines.filter((line) => /internal error/.test(line))).toEqual([]);
}, 300_000);
