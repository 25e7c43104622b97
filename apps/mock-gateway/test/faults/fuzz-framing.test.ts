// Fuzzing HTTP framing on raw sockets: pipelined commands and session reads, with junk, a
// stray byte, two Content-Lengths, Content-Length with chunked, a broken chunk, headers too
// large, a body too large, an Expect the server cannot meet, a request without Host — in any
// order, in one packet or two. Whatever arrives, every request the gateway executes gets its
// own answer, in order (a command is executed exactly when its 202 came back); a read of a
// session behind its command sees the command done; nothing answers 5xx; every refusal is a
// problem body; the gateway keeps serving.
//
// Replay a failure with FUZZ_SEED=<seed> pnpm --filter @call-control/mock-gateway test -- fuzz-framing
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { fuzzRuns } from '../support/fuzz-client.js';
import { newSession, startGateway } from '../support/gateway.js';
import { rawExchange } from '../support/raw-http.js';
import { specViolations } from '../support/spec.js';

const RUNS = Math.max(50, Math.round(Number(process.env.FUZZ_RUNS ?? 10_000) / 20));
let gateway: Awaited<ReturnType<typeof startGateway>>;
beforeAll(async () => {
  gateway = await startGateway();
});
afterAll(() => gateway.close());

const BROKEN = [
  'junk',
  'stray byte',
  'two lengths',
  'length and chunked',
  'broken chunk',
  'headers too large',
  'body too large',
  'no Host',
] as const;
type Part =
  | { kind: 'answer'; session: string; close: boolean }
  | { kind: 'read'; of: number }
  | { kind: 'expect' }
  | { kind: (typeof BROKEN)[number] };

const head = (session: string, extra = '') =>
  `POST /api/v1/sessions/${session}/commands/answer HTTP/1.1\r\nHost: localhost\r\nX-App-ID: a\r\nX-API-Key: k\r\nContent-Type: application/json\r\n${extra}`;
const bytesOf = (part: Part, parts: Part[]): string => {
  switch (part.kind) {
    case 'answer':
      return `${head(part.session, part.close ? 'Connection: close\r\n' : '')}Content-Length: 2\r\n\r\n{}`;
    case 'read': {
      const target = parts[part.of];
      return `GET /__mock/sessions/${target?.kind === 'answer' ? target.session : newSession()} HTTP/1.1\r\nHost: localhost\r\n\r\n`;
    }
    case 'expect':
      return `${head(newSession(), 'Expect: teapot\r\n')}Content-Length: 2\r\n\r\n{}`;
    case 'junk':
      return 'GARBAGE\r\n\r\n';
    case 'stray byte':
      return 'X';
    case 'two lengths':
      return `${head(newSession(), 'Content-Length: 3\r\n')}Content-Length: 2\r\n\r\n{}`;
    case 'length and chunked':
      return `${head(newSession(), 'Transfer-Encoding: chunked\r\n')}Content-Length: 7\r\n\r\n2\r\n{}\r\n0\r\n\r\n`;
    case 'broken chunk':
      return `${head(newSession(), 'Transfer-Encoding: chunked\r\n')}\r\nzz\r\n{}\r\n0\r\n\r\n`;
    case 'headers too large':
      return `${head(newSession(), `X-Big: ${'a'.repeat(20_000)}\r\n`)}Content-Length: 2\r\n\r\n{}`;
    case 'body too large':
      return `${head(newSession())}Content-Length: 20000\r\n\r\n${'x'.repeat(20_000)}`;
    case 'no Host':
      return `${head(newSession()).replace('Host: localhost\r\n', '')}Content-Length: 2\r\n\r\n{}`;
  }
};

const part: fc.Arbitrary<Part> = fc.oneof(
  { weight: 4, arbitrary: fc.nat(9).map((roll): Part => ({ kind: 'answer', session: newSession(), close: roll < 2 })) },
  { weight: 2, arbitrary: fc.nat(5).map((of): Part => ({ kind: 'read', of })) },
  { weight: 1, arbitrary: fc.constant<Part>({ kind: 'expect' }) },
  { weight: 3, arbitrary: fc.constantFrom(...BROKEN).map((kind): Part => ({ kind })) },
);
// The parts, and where (if anywhere) the bytes are split into a second packet.
const exchange = fc.tuple(fc.array(part, { minLength: 1, maxLength: 6 }), fc.option(fc.nat(6), { nil: undefined }));

it(`answers every executed request in order on ${RUNS} fuzzed connections, with no 5xx`, async () => {
  const byDefect = new Map<string, number>();
  const totals = { connections: 0, executed: 0, responses: 0, status5xx: 0 };
  await fc.assert(
    fc.asyncProperty(exchange, async ([parts, splitAt]) => {
      // The last request closes the connection, so a connection nothing broke ends promptly.
      const texts = [
        ...parts.map((each) => bytesOf(each, parts)),
        `GET /__mock/sessions/${newSession()} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n`,
      ];
      const payload =
        splitAt === undefined || splitAt >= texts.length - 1
          ? texts.join('')
          : [texts.slice(0, splitAt + 1).join(''), texts.slice(splitAt + 1).join('')];
      const { responses, closed } = await rawExchange(gateway.url, payload);
      const label = `${JSON.stringify(parts)} → ${responses.map(({ status }) => status).join(', ')}`;
      expect(closed, label).toBe(true);
      for (const { status, headers, body } of responses) {
        if (status >= 500) totals.status5xx += 1;
        expect(status, label).toBeLessThan(500);
        if (status >= 400) {
          expect(headers['content-type'], label).toBe('application/problem+json');
          expect(specViolations('#/components/schemas/Problem', JSON.parse(body)), label).toEqual([]);
        }
      }
      // Response i answers part i: a command ran exactly when its own 202 came back.
      for (const [i, each] of parts.entries()) {
        byDefect.set(each.kind, (byDefect.get(each.kind) ?? 0) + 1);
        if (each.kind === 'answer') {
          const state = await fetch(`${gateway.url}/__mock/sessions/${each.session}`);
          const executed = state.status === 200;
          if (executed) totals.executed += 1;
          expect([executed, responses[i]?.status], label).toEqual(executed ? [true, 202] : [false, undefined]);
        }
        const target = each.kind === 'read' ? parts[each.of] : undefined;
        if (target?.kind === 'answer' && each.kind === 'read' && each.of < i && responses[i] !== undefined) {
          expect(JSON.parse(responses[i]!.body).state, label).toBe('answered'); // it ran after the command it follows
        }
      }
      totals.connections += 1;
      totals.responses += responses.length;
    }),
    fuzzRuns(RUNS),
  );
  const good = await fetch(`${gateway.url}/api/v1/sessions/${newSession()}/commands/answer`, {
    method: 'POST',
    headers: { 'X-App-ID': 'a', 'X-API-Key': 'k' },
  });
  console.log(
    `fuzz-framing: ${JSON.stringify(totals)}; parts by kind: ${JSON.stringify(Object.fromEntries(byDefect))}; internal errors: ${gateway.lines.filter((line) => /internal error/.test(line)).length}`,
  );
  expect(good.status).toBe(202);
  expect(gateway.lines.filter((line) => /internal error/.test(line))).toEqual([]);
  expect(byDefect.size).toBe(3 + BROKEN.length);
}, 300_000);
