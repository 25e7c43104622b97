// timeoutMs at its edges: Infinity, values a timer cannot hold, and values that mean nothing.
// Over real HTTP against the recording server on 127.0.0.1.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkTimeoutMs, MAX_TIMER_MS } from '../src/call-timeout.js';
import { createCallControlClient } from '../src/call-control-client.js';
import { startRecordingServer, type RecordingServer } from './support/recording-server.js';

const SESSION = '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234';
const THIRTY_DAYS_MS = 30 * 24 * 60 * 60 * 1000;
let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());

const client = (options: Partial<Parameters<typeof createCallControlClient>[0]> = {}) =>
  createCallControlClient({ baseUrl: server.url, appId: 'app-1', apiKey: 'key-1', retry: false, ...options });

/** Runs `body` and returns the process warnings it caused (a TimeoutOverflowWarning among them). */
async function warningsDuring(body: () => Promise<void>): Promise<string[]> {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(warning.name);
  process.on('warning', onWarning);
  try {
    await body();
    await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
  } finally {
    process.off('warning', onWarning);
  }
  return warnings;
}

describe('checkTimeoutMs', () => {
  it.each<[string, number, number]>([
    ['Infinity stays Infinity (no timeout)', Infinity, Infinity],
    ['a usual value is kept', 30_000, 30_000],
    ['30 days is clamped to what a timer holds', THIRTY_DAYS_MS, MAX_TIMER_MS],
  ])('%s', (_case, given, want) => expect(checkTimeoutMs(given)).toBe(want));

  it.each<[string, unknown]>([
    ['0 (ambiguous: "none" to some libraries, "at once" to others)', 0],
    ['a negative value', -1],
    ['NaN', NaN],
    ['-Infinity', -Infinity],
  ])('refuses %s with a TypeError', (_case, given) => {
    expect(() => checkTimeoutMs(given as number)).toThrow(TypeError);
  });
});

describe('timeoutMs over HTTP', () => {
  it.each<[string, number]>([
    ['Infinity', Infinity],
    ['30 days', THIRTY_DAYS_MS],
  ])('with timeoutMs %s a slow answer still arrives, and no timer overflows', async (_case, timeoutMs) => {
    server.script({
      delayMs: 150,
      reply: { status: 202, body: { operation_id: 'op-slow', status: 'in_progress', timeout_ms: 2000 } },
    });
    let data: unknown;
    const warnings = await warningsDuring(async () => {
      ({ data } = await client({ timeoutMs }).answer(SESSION));
    });
    expect(data).toMatchObject({ operation_id: 'op-slow' });
    expect(warnings).not.toContain('TimeoutOverflowWarning');
  });

  it('takes Infinity per call too', async () => {
    server.script({
      delayMs: 150,
      reply: { status: 202, body: { operation_id: 'op-per-call', status: 'in_progress', timeout_ms: 2000 } },
    });
    const { data } = await client({ timeoutMs: 50 }).answer(SESSION, {}, { timeoutMs: Infinity });
    expect(data).toMatchObject({ operation_id: 'op-per-call' });
  });

  it('arms no timer at all for Infinity', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    server.script({ delayMs: 100, reply: { status: 202 } });
    const before = timers();
    const call = client({ timeoutMs: Infinity }).answer(SESSION);
    expect(timers()).toBe(before);
    await call;
  });

  it('refuses a timeoutMs of 0 or less with a TypeError: when the client is made, and per call', async () => {
    for (const timeoutMs of [0, -5, NaN]) expect(() => client({ timeoutMs })).toThrow(TypeError);
    server.script();
    await expect(client().answer(SESSION, {}, { timeoutMs: 0 })).rejects.toThrow(TypeError);
    expect(server.requests).toHaveLength(0);
  });
});
