// The call's timeline, on a fake clock, in front of the real inbox (its journal shows what
// delivery got, and when): what is due now goes at once, the rest when due and in time order;
// the call's end makes a command still completing lose, and shutdown loses nothing.
import { Writable } from 'node:stream';
import FakeTimers from '@sinonjs/fake-timers';
import { expect, it } from 'vitest';
import { createCallTimeline, type CallTimeline } from '../../src/commands/call-timeline.js';
import type { LoseRace, PlannedEvent } from '../../src/commands/command-plan.js';
import { createInboxDispatcher } from '../../src/delivery/inbox-dispatcher.js';
import { createLog } from '../../src/common/log.js';
import { createDeliveryJournal } from '../../src/workbench/delivery-journal.js';

const SESSION = '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234';
const planned = (id: string, type: string, dueAt: number) =>
  ({ event: { id, type, data: { session_uuid: SESSION, operation_id: null } }, dueAt }) as unknown as PlannedEvent;

function setUp(): { timeline: CallTimeline; sent: () => string[]; fake: ReturnType<typeof FakeTimers.createClock> } {
  const fake = FakeTimers.createClock(1_000);
  const clock = { now: () => fake.now, setTimeout: fake.setTimeout, clearTimeout: fake.clearTimeout };
  const journal = createDeliveryJournal({ size: 100 });
  const log = createLog({ stream: new Writable({ write: (_chunk, _encoding, done) => done() }), quiet: true });
  const timeline = createCallTimeline({ outbox: createInboxDispatcher({ log, clock, observer: journal }), clock });
  return { timeline, fake, sent: () => journal.list().map(({ id }) => id) };
}

it('sends what is due at once and holds the rest until it is due', () => {
  const { timeline, sent, fake } = setUp();
  timeline.send(SESSION, [planned('now', 'command.result', 1_000), planned('later', 'call.hangup', 1_050)]);
  expect(sent()).toEqual(['now']);
  fake.tick(49);
  expect(sent()).toEqual(['now']);
  fake.tick(1);
  expect(sent()).toEqual(['now', 'later']);
  expect(timeline.sessionsHeld).toBe(0);
});

it("sends a session's events in time order, whichever command planned them first", () => {
  const { timeline, sent, fake } = setUp();
  timeline.send(SESSION, [planned('slow', 'command.result', 3_000)]);
  timeline.send(SESSION, [planned('quick', 'command.result', 1_020)]);
  fake.tick(2_000);
  expect(sent()).toEqual(['quick', 'slow']);
});

it('makes a command still completing lose when the call ends: what it held is never sent, its lose says what is', () => {
  const { timeline, sent, fake } = setUp();
  const lost: string[][] = [];
  const lose: LoseRace = (at, dropped) => {
    lost.push(dropped.map(({ event }) => event.id));
    return [planned(`failed@${at.getTime()}`, 'command.result', at.getTime())];
  };
  timeline.send(
    SESSION,
    [planned('answered', 'call.answered', 1_020), planned('result', 'command.result', 1_020)],
    lose,
  );
  fake.tick(5);
  timeline.end(SESSION, fake.now);
  timeline.send(SESSION, [planned('hangup', 'call.hangup', fake.now)]);
  fake.tick(100);
  expect(lost).toEqual([['answered', 'result']]);
  expect(sent()).toEqual(['failed@1005', 'hangup']);
});

it('lets a command whose events were due by the end win, even before its timer ran', () => {
  const { timeline, sent } = setUp();
  const lose: LoseRace = () => [planned('failed', 'command.result', 0)];
  timeline.send(
    SESSION,
    [planned('answered', 'call.answered', 1_020), planned('result', 'command.result', 1_020)],
    lose,
  );
  timeline.end(SESSION, 1_020); // the timer has not fired: the clock still says 1,000
  expect(sent()).toEqual(['answered', 'result']);
});

it('has a command that changed the call carried out before the next one, and no other', () => {
  const { timeline } = setUp();
  timeline.send(SESSION, [planned('failed', 'command.result', 1_020)]);
  expect(timeline.busyUntil(SESSION, 1_005)).toBe(1_005); // a failed answer changed nothing
  timeline.send(SESSION, [planned('answered', 'call.answered', 1_030)], undefined, true);
  expect(timeline.busyUntil(SESSION, 1_005)).toBe(1_030);
  expect(timeline.busyUntil('another', 1_005)).toBe(1_005);
});

it('at shutdown hands everything held to delivery, in order', () => {
  const { timeline, sent } = setUp();
  timeline.send(SESSION, [planned('a', 'call.answered', 1_020), planned('b', 'command.result', 1_020)]);
  timeline.send('another', [planned('c', 'command.result', 1_500)]);
  timeline.flush();
  expect(sent()).toEqual(['a', 'b', 'c']);
  expect(timeline.sessionsHeld).toBe(0);
});

it('at a reset forgets everything held, never sending it, and says how much', () => {
  const { timeline, sent, fake } = setUp();
  timeline.send(SESSION, [planned('a', 'call.answered', 1_020), planned('b', 'command.result', 1_020)]);
  timeline.send('another', [planned('c', 'command.result', 1_500)]);
  expect(timeline.clear()).toBe(3);
  fake.tick(1_000);
  expect(sent()).toEqual([]);
  expect(timeline.sessionsHeld).toBe(0);
});
