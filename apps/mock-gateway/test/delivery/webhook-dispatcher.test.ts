// Delivery: at least once, retried on the spec's schedule with the same webhook-id,
// Retry-After honoured, in order per session, and nothing dropped silently. The receiver is
// real (node:http, verifying with @call-control/webhooks); the dispatcher's waits run on a
// fake clock, so the real schedule (5 s, 5 min, …) is checked to the millisecond, with no sleep.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import FakeTimers from '@sinonjs/fake-timers';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type Clock, MAX_TIMER_MS, systemClock } from '../../src/common/clock.js';
import { planCommand } from '../../src/commands/command-plan.js';
import { createCommandTable } from '../../src/commands/command-table.js';
import { createLog } from '../../src/common/log.js';
import { createSessionStore } from '../../src/commands/sessions.js';
import { loadSpecModel } from '../../src/common/spec-model.js';
import type { AttemptReport, DeliveryObserver } from '../../src/delivery/delivery-reports.js';
import { createWebhookDispatcher, type DispatcherOptions } from '../../src/delivery/webhook-dispatcher.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

const SECRET = `whsec_${Buffer.from('mock-gateway-delivery-tests-key!').toString('base64')}`;
const model = loadSpecModel();
const table = createCommandTable(model);
const SCHEDULE_MS = model.limits.webhookRetryScheduleS.map((seconds) => seconds * 1000);

const cleanups: (() => Promise<unknown> | undefined)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()!();
});

function fakeClock() {
  const fake = FakeTimers.createClock(Date.parse('2026-11-24T10:00:00Z'));
  const clock: Clock = {
    now: () => fake.now,
    setTimeout: (callback, ms) => fake.setTimeout(callback, ms),
    clearTimeout: (id) => fake.clearTimeout(id as never),
  };
  return { fake, clock };
}

/** Every delay the dispatcher asks of the clock, recorded. */
function recordTimers(clock: Clock): number[] {
  const delays: number[] = [];
  const setTimeout = clock.setTimeout;
  clock.setTimeout = (callback, ms) => {
    delays.push(ms);
    return setTimeout(callback, ms);
  };
  return delays;
}

/** A dispatcher on the real schedule (or a scaled one), to `url`, with its log captured. */
function dispatcherTo(
  url: string,
  clock: Clock,
  {
    retryScale = 1,
    attemptTimeoutMs = model.limits.webhookResponseTimeoutMs,
    retryScheduleS = model.limits.webhookRetryScheduleS,
    ...more
  }: Partial<
    Pick<
      DispatcherOptions,
      | 'retryScale'
      | 'attemptTimeoutMs'
      | 'retryScheduleS'
      | 'maxBacklog'
      | 'maxBacklogPerSession'
      | 'observer'
      | 'duplicateRate'
      | 'random'
    >
  > = {},
) {
  const lines: string[] = [];
  const stream = new Writable({
    write: (chunk, _encoding, done) => {
      lines.push(...String(chunk).trimEnd().split('\n'));
      done();
    },
  });
  const dispatcher = createWebhookDispatcher({
    url: new URL(url),
    secret: SECRET,
    retryScheduleS,
    retryAfterStatuses: model.limits.webhookRetryAfterStatuses,
    retryScale,
    attemptTimeoutMs,
    log: createLog({ stream }),
    clock,
    ...more,
  });
  cleanups.push(() => dispatcher.drain(0));
  return { dispatcher, lines };
}

/** The events a real command plans, due now on the clock. */
function planned(command: 'hangup' | 'disconnect' | 'answer', clock: Clock) {
  const session = createSessionStore().get(crypto.randomUUID(), new Date(clock.now()));
  const plan = planCommand(model, {
    entry: table.get(command)!,
    session,
    body: {},
    result: 'succeeded',
    now: new Date(clock.now()),
  });
  return { session: session.uuid, events: plan.events };
}

async function receiver(options: { startDown?: boolean } = {}): Promise<Receiver> {
  const started = await startReceiver(SECRET, options);
  cleanups.push(() => started.close());
  return started;
}

/** Waits (for real I/O) until the dispatcher has made `count` attempts and sleeps on the clock. */
const attemptsMade = (dispatcher: ReturnType<typeof createWebhookDispatcher>, count: number) =>
  vi.waitFor(() => expect(dispatcher.stats.attempts).toBe(count), { timeout: 5_000 });

describe('createWebhookDispatcher', () => {
  it('retries a failing receiver on the real schedule with the same webhook-id, and keeps order per session', async () => {
    const { fake, clock } = fakeClock();
    const hooks = await receiver();
    hooks.failNext(2, 500);
    const { dispatcher, lines } = dispatcherTo(hooks.url, clock);
    const { session, events } = planned('disconnect', clock);
    const start = clock.now();
    dispatcher.send(session, events);
    await attemptsMade(dispatcher, 1);
    await fake.tickAsync(SCHEDULE_MS[1]! - 1);
    expect(dispatcher.stats.attempts).toBe(1); // not a millisecond early
    await fake.tickAsync(1);
    await attemptsMade(dispatcher, 2);
    await fake.tickAsync(SCHEDULE_MS[2]!);
    await vi.waitFor(() => expect(dispatcher.stats.delivered).toBeGreaterThanOrEqual(1));
    expect(clock.now() - start).toBe(SCHEDULE_MS[1]! + SCHEDULE_MS[2]!);
    const [result] = events;
    expect(
      hooks.attempts.filter(({ webhookId }) => webhookId === result!.event.id).map(({ status }) => status),
    ).toEqual([500, 500, 204]);
    expect(
      lines.filter((line) => line.includes(result!.event.id)).map((line) => /attempt (\d)/.exec(line)?.[1]),
    ).toEqual(['1', '2', '3']);
    // call.hangup, due 50 ms after the 202, waited behind command.result, then went at once.
    await vi.waitFor(() => expect(dispatcher.stats.delivered).toBe(2));
    expect(hooks.attempts.map(({ status }) => status)).toEqual([500, 500, 204, 204]);
    expect(hooks.forSession(session).map(({ event }) => event.type)).toEqual(['command.result', 'call.hangup']);
  });

  it('a receiver that is down at first gets the event when it comes up', async () => {
    const { fake, clock } = fakeClock();
    const hooks = await receiver({ startDown: true });
    const { dispatcher, lines } = dispatcherTo(hooks.url, clock);
    const { session, events } = planned('hangup', clock);
    dispatcher.send(session, events);
    await attemptsMade(dispatcher, 1);
    await fake.tickAsync(SCHEDULE_MS[1]!);
    await attemptsMade(dispatcher, 2);
    // Said once, summarised, not attempt by attempt (see receiver-health).
    expect(lines.filter((line) => / attempt \d → ECONNREFUSED/.test(line))).toEqual([]);
    expect(lines.filter((line) => line.includes('cannot be reached (ECONNREFUSED ×1)'))).toHaveLength(1);
    await hooks.up();
    await fake.tickAsync(SCHEDULE_MS[2]!);
    await hooks.waitFor(() => hooks.forSession(session).length === 2);
    await vi.waitFor(() => expect(dispatcher.stats).toMatchObject({ delivered: 2, undelivered: 0, attempts: 4 }));
    expect(lines.some((line) => / answers again \(204\)/.test(line))).toBe(true);
  });

  // After attempt 1 the schedule says 5 s, and the step after it 5 min: a Retry-After is
  // honoured between the two, so no receiver can hold a session's events longer than that.
  it.each<[string, { status: number; retryAfter: number | string; scale: number; wantWaitMs: number }]>([
    [
      'a 503 with Retry-After between the step and the next: waits as asked',
      { status: 503, retryAfter: 60, scale: 1, wantWaitMs: 60_000 },
    ],
    [
      'a 429 with Retry-After shorter than the step: the schedule wins',
      { status: 429, retryAfter: 1, scale: 1, wantWaitMs: SCHEDULE_MS[1]! },
    ],
    [
      'a 500 with Retry-After: not a status the spec honours it on, the schedule wins',
      { status: 500, retryAfter: 2, scale: 0.001, wantWaitMs: SCHEDULE_MS[1]! * 0.001 },
    ],
    [
      'a 503 with Retry-After: 86400: clamped to the next step',
      { status: 503, retryAfter: 86_400, scale: 1, wantWaitMs: SCHEDULE_MS[2]! },
    ],
    [
      'a 503 with Retry-After: 3000000 (past the range of a timer): clamped to the next step',
      { status: 503, retryAfter: 3_000_000, scale: 1, wantWaitMs: SCHEDULE_MS[2]! },
    ],
    [
      'a 429 with a Retry-After date in 9999: clamped to the next step',
      { status: 429, retryAfter: 'Fri, 31 Dec 9999 23:59:59 GMT', scale: 1, wantWaitMs: SCHEDULE_MS[2]! },
    ],
    [
      'a 503 with Retry-After longer than the scaled next step: clamped to it, scaled',
      { status: 503, retryAfter: 2, scale: 0.001, wantWaitMs: SCHEDULE_MS[2]! * 0.001 },
    ],
  ])('%s', async (_name, { status, retryAfter, scale, wantWaitMs }) => {
    const { fake, clock } = fakeClock();
    const timers = recordTimers(clock);
    const hooks = await receiver();
    hooks.failNext(1, status, retryAfter);
    const { dispatcher } = dispatcherTo(hooks.url, clock, { retryScale: scale });
    const { session, events } = planned('disconnect', clock);
    dispatcher.send(session, events.slice(0, 1));
    await attemptsMade(dispatcher, 1);
    await fake.tickAsync(wantWaitMs - 1);
    expect(dispatcher.stats.attempts).toBe(1);
    await fake.tickAsync(1);
    await vi.waitFor(() => expect(dispatcher.stats.delivered).toBe(1));
    expect(Math.max(...timers)).toBeLessThanOrEqual(MAX_TIMER_MS);
  });

  it('never sets a timer past 2^31-1 ms, even for a schedule step longer than that', async () => {
    const { fake, clock } = fakeClock();
    const timers = recordTimers(clock);
    const hooks = await receiver();
    hooks.failNext(1, 503, 3_000_000);
    const { dispatcher } = dispatcherTo(hooks.url, clock, { retryScheduleS: [0, 3_000_000] });
    const { session, events } = planned('disconnect', clock);
    dispatcher.send(session, events.slice(0, 1));
    await attemptsMade(dispatcher, 1);
    await fake.tickAsync(MAX_TIMER_MS);
    expect(timers.filter((ms) => ms > MAX_TIMER_MS)).toEqual([]);
    expect(timers).toContain(MAX_TIMER_MS);
  });

  it('logs an event whose attempts run out as undelivered, and the next one still goes', async () => {
    const { fake, clock } = fakeClock();
    const hooks = await receiver();
    hooks.failNext(SCHEDULE_MS.length, 500);
    const { dispatcher, lines } = dispatcherTo(hooks.url, clock);
    const { session, events } = planned('disconnect', clock);
    dispatcher.send(session, events);
    for (const [i, stepMs] of SCHEDULE_MS.slice(0, -1).entries()) {
      await fake.tickAsync(stepMs);
      await attemptsMade(dispatcher, i + 1);
    }
    // The last attempt fails too; call.hangup, due long ago, goes right after it.
    await fake.tickAsync(SCHEDULE_MS.at(-1)!);
    await vi.waitFor(() => expect(dispatcher.stats.delivered).toBe(1));
    expect(dispatcher.stats).toMatchObject({ undelivered: 1, attempts: SCHEDULE_MS.length + 1 });
    expect(lines.find((line) => line.includes('undelivered'))).toMatch(
      `WARN undelivered: webhook command.result ${events[0]!.event.id} (session ${session}, operation `,
    );
    expect(hooks.forSession(session).map(({ event }) => event.type)).toEqual(['call.hangup']);
  });

  it('an attempt the receiver does not answer in time fails, and the next one delivers', async () => {
    const { fake, clock } = fakeClock();
    const seen: string[] = [];
    const stalling = createServer((req, res) => {
      seen.push(String(req.headers['webhook-id']));
      req.resume();
      if (seen.length > 1) res.writeHead(204).end();
    });
    await new Promise<void>((resolve) => stalling.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => {
      stalling.closeAllConnections();
      return new Promise((resolve) => stalling.close(resolve));
    });
    const { dispatcher, lines } = dispatcherTo(
      `http://127.0.0.1:${(stalling.address() as AddressInfo).port}/hooks`,
      clock,
    );
    const { session, events } = planned('disconnect', clock);
    dispatcher.send(session, events.slice(0, 1));
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await fake.tickAsync(model.limits.webhookResponseTimeoutMs);
    await attemptsMade(dispatcher, 1);
    expect(lines[0]).toMatch(/attempt 1 → timeout/);
    await fake.tickAsync(SCHEDULE_MS[1]!);
    await vi.waitFor(() => expect(dispatcher.stats.delivered).toBe(1));
    expect(seen[1]).toBe(seen[0]);
  });

  it('bounds the backlog per session and overall: each event refused is logged as undelivered and counted', async () => {
    const { clock } = fakeClock();
    const hooks = await receiver({ startDown: true });
    const { dispatcher, lines } = dispatcherTo(hooks.url, clock, { maxBacklog: 5, maxBacklogPerSession: 3 });
    const plan = () => planned('hangup', clock); // two events each
    const [a, b, c] = [plan(), plan(), plan()];
    dispatcher.send(a.session, [...a.events, ...plan().events]); // 4 for one session: 3 fit
    dispatcher.send(b.session, b.events); // 5 in all
    dispatcher.send(c.session, c.events); // nothing more fits
    expect(dispatcher.stats).toMatchObject({ queued: 5, overflowed: 3, undelivered: 3 });
    const refused = lines.filter((line) => line.includes('was not queued'));
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatch(
      new RegExp(
        `^WARN undelivered: webhook call.hangup evt_\\w+ \\(session ${a.session}, operation .+\\) was not queued: the session's backlog is full \\(3\\)$`,
      ),
    );
    expect(refused.slice(1).map((line) => /webhook \S+ (evt_\w+)/.exec(line)![1])).toEqual(
      c.events.map(({ event }) => event.id),
    );
    expect(refused[1]).toMatch(/the backlog is full \(5\)$/);
  });

  it('drain stops waiting after the grace period and logs every event left, one by one', async () => {
    const { fake, clock } = fakeClock();
    const hooks = await receiver({ startDown: true });
    const { dispatcher, lines } = dispatcherTo(hooks.url, clock);
    const { session, events } = planned('hangup', clock);
    dispatcher.send(session, events);
    await attemptsMade(dispatcher, 1);
    const drained = dispatcher.drain(5_000);
    await fake.tickAsync(5_000);
    await drained;
    const left = lines.filter((line) => line.includes('still queued at shutdown'));
    expect(left.map((line) => /webhook (\S+) (evt_\w+)/.exec(line)!.slice(1))).toEqual(
      events.map(({ event }) => [event.type, event.id]),
    );
    expect(dispatcher.stats).toMatchObject({ undelivered: 2, queued: 0 });
  });
});

/** An observer that writes down what it is told, as the journal would take it: the attempts and events given up in `told`, the rest in `planned`. */
function recorder() {
  const told: string[] = [];
  const planned: string[] = [];
  const observer: DeliveryObserver = {
    planned: (event, state) => planned.push(`${event.id} ${state}`),
    resent: (event) => planned.push(`${event.id} resent`),
    attempt: (event, { status, duplicate }: AttemptReport) =>
      told.push(`${event.id} ${status}${duplicate ? ' duplicate' : ''}`),
    undelivered: (event) => told.push(`${event.id} undelivered`),
  };
  return { told, planned, observer };
}

describe('what the journal hears, and duplicates', () => {
  it('tells its observer of each event planned (pending), and of a resend before its attempts', async () => {
    const clock = systemClock;
    const hooks = await receiver();
    const { told, planned: plans, observer } = recorder();
    const { dispatcher, lines } = dispatcherTo(hooks.url, clock, { observer });
    const { session, events } = planned('hangup', clock);
    dispatcher.send(session, events);
    expect(plans).toEqual(events.map(({ event }) => `${event.id} pending`)); // at once, before any attempt
    await vi.waitFor(() => expect(dispatcher.stats.delivered).toBe(2));
    const [first] = events;
    expect(dispatcher.resend(session, first!.event)).toEqual({ ok: true, value: undefined });
    expect(plans.at(-1)).toBe(`${first!.event.id} resent`);
    await vi.waitFor(() => expect(dispatcher.stats.delivered).toBe(3));
    expect(hooks.attempts.map(({ webhookId }) => webhookId)).toEqual([
      ...events.map(({ event }) => event.id),
      first!.event.id,
    ]);
    expect(told.at(-1)).toMatch(new RegExp(`^${first!.event.id} 2\\d\\d$`));
    expect(lines).toContain(`resend: webhook ${first!.event.type} ${first!.event.id} (session ${session})`);
  });

  it('tells its observer of each attempt, as it is made, with when it started', async () => {
    const { fake, clock } = fakeClock();
    const hooks = await receiver();
    hooks.failNext(1, 503);
    const started: number[] = [];
    const { told, observer } = recorder();
    const { dispatcher } = dispatcherTo(hooks.url, clock, {
      observer: {
        ...observer,
        attempt: (event, report) => {
          started.push(report.startedAt);
          observer.attempt(event, report);
        },
      },
    });
    const { session, events } = planned('disconnect', clock);
    dispatcher.send(session, events);
    await attemptsMade(dispatcher, 1);
    expect(told).toEqual([`${events[0]!.event.id} 503`]);
    await fake.tickAsync(SCHEDULE_MS[1]!);
    await vi.waitFor(() => expect(dispatcher.stats.delivered).toBe(2));
    expect(told).toEqual([`${events[0]!.event.id} 503`, `${events[0]!.event.id} 204`, `${events[1]!.event.id} 204`]);
    expect(started[1]! - started[0]!).toBe(SCHEDULE_MS[1]);
  });

  it('tells it of each event given up: attempts run out, or still queued at shutdown', async () => {
    // The real clock, and a schedule shrunk to microseconds: eight refused attempts at once.
    const hooks = await receiver({ startDown: true });
    const { told, observer } = recorder();
    const { dispatcher } = dispatcherTo(hooks.url, systemClock, { observer, retryScale: 0.000_001 });
    const { session, events } = planned('hangup', systemClock);
    dispatcher.send(session, events);
    await vi.waitFor(() => expect(told.filter((line) => line.endsWith('undelivered'))).toHaveLength(1));
    await dispatcher.drain(0);
    expect(told.filter((line) => line.endsWith('undelivered'))).toEqual(
      events.map(({ event }) => `${event.id} undelivered`),
    );
    expect(told.filter((line) => line.startsWith(events[0]!.event.id) && !line.endsWith('undelivered'))).toHaveLength(
      SCHEDULE_MS.length,
    );
  });

  it('delivers a delivered event once more, same webhook-id, when the dice say so', async () => {
    const clock = systemClock;
    const hooks = await receiver();
    const rolls = [0.2, 0.8]; // against a rate of 0.5: the first event is copied, the second not
    const { told, observer } = recorder();
    const { dispatcher, lines } = dispatcherTo(hooks.url, clock, {
      observer,
      duplicateRate: 0.5,
      random: () => rolls.shift()!,
    });
    const { session, events } = planned('hangup', clock);
    dispatcher.send(session, events);
    await vi.waitFor(() => expect(dispatcher.stats.delivered).toBe(3));
    const [first, second] = events.map(({ event }) => event.id);
    expect(hooks.attempts.map(({ webhookId }) => webhookId)).toEqual([first, first, second]);
    expect(hooks.events).toHaveLength(2); // the receiver's dedupe caught the copy
    expect(told.map((line) => line.replace(/ 2\d\d/, ' 2xx'))).toEqual([
      `${first} 2xx`,
      `${first} 2xx duplicate`,
      `${second} 2xx`,
    ]);
    expect(lines.filter((line) => line.includes('(duplicate)'))).toHaveLength(1);
  });
});

describe('what holds a delivery back', () => {
  it('tells its observer that an event not yet due waits until it is, and that one behind another waits for it', async () => {
    const { fake, clock } = fakeClock();
    const hooks = await receiver();
    const held: string[] = [];
    const { observer } = recorder();
    const { dispatcher } = dispatcherTo(hooks.url, clock, {
      observer: {
        ...observer,
        waiting: (event, { reason, until, behind }) => held.push(`${event.id} ${reason} ${until} ${behind ?? '-'}`),
      },
    });
    // hangup plans command.result now and call.hangup after the spec's teardown delay.
    const { session, events } = planned('hangup', clock);
    const [result, hangup] = events;
    expect(hangup!.dueAt).toBeGreaterThan(result!.dueAt);
    dispatcher.send(session, events);
    expect(held).toEqual([`${hangup!.event.id} in_order null ${result!.event.id}`]);
    await attemptsMade(dispatcher, 1);
    await vi.waitFor(() => expect(held).toHaveLength(2));
    expect(held[1]).toBe(`${hangup!.event.id} due ${hangup!.dueAt} -`);
    await fake.tickAsync(hangup!.dueAt - clock.now());
    await attemptsMade(dispatcher, 2);
  });
});
