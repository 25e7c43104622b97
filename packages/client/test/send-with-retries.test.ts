// The retry loop's waits, over real HTTP against the recording server on 127.0.0.1: a wait never
// outlasts the call's time budget, and never drops to nothing. And what the retries are for,
// against the real mock gateway: a command that ran but whose answer was lost is retried with
// the same command_uid, and the replay answers it without running it again.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCallControlClient } from '../src/call-control-client.js';
import { CallControlNetworkError, CallControlTimeoutError } from '../src/errors.js';
import { startMockGatewayProcess, type MockGatewayProcess } from './support/mock-gateway-process.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

const SESSION = '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234';
const RATE_LIMITED = {
  type: 'https://gateway.example.com/problems/rate-limited',
  title: 'Too many requests',
  status: 429,
  detail: 'slow down',
};
let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());

type Retry = { attempt: number; delayMs: number; reason: unknown };
const client = (options: Partial<Parameters<typeof createCallControlClient>[0]> = {}) =>
  createCallControlClient({ baseUrl: server.url, appId: 'app-1', apiKey: 'key-1', ...options });

describe('the time budget', () => {
  it('returns a 429 at once when its Retry-After is longer than the time left', async () => {
    const retries: Retry[] = [];
    server.script({ status: 429, headers: { 'retry-after': '5' }, body: RATE_LIMITED });
    const { error, response } = await client({ timeoutMs: 1_000, onRetry: (retry) => retries.push(retry) }).hangup(
      SESSION,
    );
    expect(response.status).toBe(429);
    expect(error).toEqual(RATE_LIMITED);
    expect(server.requests).toHaveLength(1);
    expect(retries).toEqual([]);
  });

  it('returns a 503 at once when even the backoff would outlast the time left', async () => {
    server.script({ status: 503 }, { status: 503 });
    const { error } = await client({ timeoutMs: 300, retry: { baseDelayMs: 2_000 } }).hangup(SESSION);
    expect(error?.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it('reports the network failure at once when the backoff would outlast the time left', async () => {
    server.script({ drop: true });
    const failure = await client({ timeoutMs: 300, retry: { baseDelayMs: 2_000 } })
      .hangup(SESSION)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CallControlNetworkError);
    expect((failure as CallControlNetworkError).attempts).toBe(1);
  });

  it('still waits for a Retry-After that fits in the time left', async () => {
    server.script({ status: 429, headers: { 'retry-after': '1' }, body: RATE_LIMITED });
    const { data } = await client({ timeoutMs: 5_000 }).hangup(SESSION);
    expect(data).toBeDefined();
    expect(server.requests[1]!.at - server.requests[0]!.at).toBeGreaterThanOrEqual(990);
  });

  it('counts the retries against the same timeout', async () => {
    // Room for the first answer on a loaded machine: the second attempt must start, then run out of time.
    server.script({ status: 503 }, { delayMs: 5_000, reply: { status: 202 } });
    const failure = await client({ timeoutMs: 1_500, retry: { baseDelayMs: 20 } })
      .hangup(SESSION)
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(CallControlTimeoutError);
    expect(server.requests).toHaveLength(2);
  });
});

describe('the wait between attempts', () => {
  it('keeps a floor, with jitter, when every answer says Retry-After: 0', async () => {
    const attempts = 12;
    const policy = { attempts, baseDelayMs: 10, maxDelayMs: 40 };
    const retries: Retry[] = [];
    server.script(...Array.from({ length: attempts }, () => ({ status: 503, headers: { 'retry-after': '0' } })));
    await client({ retry: policy, onRetry: (retry) => retries.push(retry) }).hangup(SESSION);
    expect(server.requests).toHaveLength(attempts);
    // Half the exponential step is the floor: 5, 10, then 20 ms from the third retry on.
    const floors = retries.map(
      ({ attempt }) => Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 2)) / 2,
    );
    retries.forEach(({ delayMs }, i) => {
      expect(delayMs).toBeGreaterThanOrEqual(floors[i]!);
      expect(delayMs).toBeLessThan(2 * floors[i]!);
    });
    // The waits happened: each gap between attempts is at least the wait announced before it.
    for (const [i, { delayMs }] of retries.entries()) {
      expect(server.requests[i + 1]!.at - server.requests[i]!.at).toBeGreaterThanOrEqual(delayMs - 1);
    }
    // And they are jittered: nine retries at the 20 ms step do not all wait the same.
    expect(new Set(retries.slice(2).map(({ delayMs }) => delayMs)).size).toBeGreaterThan(1);
  });

  it('adds the jitter on top of a Retry-After, never below it', async () => {
    const retries: Retry[] = [];
    server.script({ status: 429, headers: { 'retry-after': '1' }, body: RATE_LIMITED });
    await client({ retry: { baseDelayMs: 200 }, onRetry: (retry) => retries.push(retry) }).hangup(SESSION);
    expect(retries).toHaveLength(1);
    expect(retries[0]!.delayMs).toBeGreaterThanOrEqual(1_000);
    expect(retries[0]!.delayMs).toBeLessThan(1_100);
  });

  it('never arms a timer longer than 2³¹−1 ms, whatever Retry-After and the policy allow', async () => {
    server.script({ status: 429, headers: { 'retry-after': '3000000' }, body: RATE_LIMITED });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.name);
    process.on('warning', onWarning);
    const controller = new AbortController();
    const call = client({ timeoutMs: Infinity, retry: { maxRetryAfterMs: Infinity } })
      .hangup(SESSION, {}, { signal: controller.signal })
      .catch((error: unknown) => error);
    await new Promise((resolve) => setTimeout(resolve, 200));
    // An overflowing timer fires after ~1 ms: the retry would have been sent by now.
    expect(server.requests).toHaveLength(1);
    controller.abort();
    expect(((await call) as Error).name).toBe('AbortError');
    process.off('warning', onWarning);
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  });
});

describe('against the real mock gateway, when the command ran and its answer was lost', () => {
  // --drop-responses 1: every command the mock runs has its connection closed with no answer
  // (its webhooks go out); a replay is answered.
  let mock: MockGatewayProcess;
  beforeAll(async () => {
    mock = await startMockGatewayProcess(['--drop-responses', '1']);
  }, 30_000);
  afterAll(() => mock.close(), 30_000);

  it.each(['answer', 'hangup', 'disconnect'] as const)(
    '%s: the retry with the same command_uid gets the replayed 202, and the command ran once',
    async (command) => {
      const session = crypto.randomUUID();
      const retries: Retry[] = [];
      const gateway = createCallControlClient({
        baseUrl: mock.url,
        appId: 'app-1',
        apiKey: 'key-1',
        retry: { baseDelayMs: 20 },
        onRetry: (retry) => retries.push(retry),
      });
      const { data, response } = await gateway[command](session);
      expect(response.status).toBe(202);
      expect(response.headers.get('idempotent-replayed')).toBe('true');
      expect(retries.map(({ reason }) => reason)).toEqual(['network']); // one retry: the connection closed with no answer
      // Its webhooks went out once, for the operation the replay names.
      const ours = () => mock.webhooks.filter(({ data: event }) => event.session_uuid === session);
      await vi.waitFor(() => expect(ours().some(({ type }) => type === 'command.result')).toBe(true));
      await new Promise((resolve) => setTimeout(resolve, 300)); // a second execution's webhooks would be in by now
      const results = ours().filter(({ type }) => type === 'command.result');
      expect(results.map(({ data: event }) => [event.operation_id, event.status])).toEqual([
        [data!.operation_id, 'succeeded'],
      ]);
    },
    20_000,
  );
});
