// The compiled engine against Prism, the oracle: the whole fuzz corpus (and valid commands
// between) sent to a gateway that judges requests with the spec's compiled schemas and to one
// that judges them with Prism's own pipeline. Every request must get the same status, the same
// problem type, and — for a validation problem — the same violations.
import { Agent } from 'node:http';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { badRequest, JSON_HEADERS } from '../support/bad-requests.js';
import { fuzzRuns, sendRequest, type FuzzRequest } from '../support/fuzz-client.js';
import { startGateway } from '../support/gateway.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 10_000);
const agents = [new Agent({ keepAlive: true, maxSockets: 1 }), new Agent({ keepAlive: true, maxSockets: 1 })];
let compiled: Awaited<ReturnType<typeof startGateway>>;
let prism: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  [compiled, prism] = await Promise.all([startGateway(), startGateway({ engine: 'prism' })]);
});
afterAll(async () => {
  for (const agent of agents) agent.destroy();
  await Promise.all([compiled.close(), prism.close()]);
});

/** What must agree: the status, the problem type, and a validation problem's violations (in any order). */
function outcome({ status, text }: { status: number; text: string }) {
  if (status < 400) return { status };
  const { type, errors } = JSON.parse(text) as { type: string; errors?: unknown[] };
  return { status, type, ...(errors ? { errors: errors.map((error) => JSON.stringify(error)).sort() } : {}) };
}

const both = async (request: FuzzRequest) => {
  const [a, b] = await Promise.all([
    sendRequest(compiled.url, agents[0]!, request),
    sendRequest(prism.url, agents[1]!, request),
  ]);
  return [outcome(a), outcome(b)] as const;
};

it(`gives the same answer as Prism to ${RUNS} bad requests and the valid ones between`, async () => {
  const byStatus = new Map<number, number>();
  let sent = 0;
  await fc.assert(
    fc.asyncProperty(badRequest, async (bad) => {
      const [fromCompiled, fromPrism] = await both(bad);
      expect(fromCompiled, `${bad.defect}: ${bad.method} ${bad.path} ${bad.body.toString().slice(0, 120)}`).toEqual(
        fromPrism,
      );
      byStatus.set(fromCompiled.status, (byStatus.get(fromCompiled.status) ?? 0) + 1);
      if (++sent % 50 === 0) {
        const valid = await both({
          method: 'POST',
          path: `/api/v1/sessions/${crypto.randomUUID()}/commands/hangup`,
          headers: JSON_HEADERS,
          body: Buffer.from('{"cause":"USER_BUSY"}'),
        });
        expect(valid).toEqual([{ status: 202 }, { status: 202 }]);
      }
    }),
    fuzzRuns(RUNS),
  );
  console.log(
    `engine differential: ${sent} requests, the same answer from both; by status: ${JSON.stringify(Object.fromEntries([...byStatus].sort()))}`,
  );
  expect(sent).toBeGreaterThanOrEqual(RUNS);
}, 600_000);
