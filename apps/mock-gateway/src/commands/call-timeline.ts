// A call's webhooks between the moment they are planned and the moment they are due. What is
// due now goes to delivery at once; the rest is held here and released when it is due, each
// session's in time order, so a receiver never gets a webhook stamped earlier than the one
// before it. A session's commands are carried out one after the other, in the order they were
// accepted (`busyUntil` says when the ones before have completed). The remote party is not in
// that order: when the call ends that way while a command's completion is still held — an
// answer 20 ms from its `call.answered` — the command has lost the race. Its held webhooks are
// never sent, and its `command.result` says what a command reports when it finds the call
// gone. Nothing was sent that must be taken back, and nothing held is lost at shutdown
// (`flush`).
import { type Clock, MAX_TIMER_MS } from '../common/clock.js';
import type { CommandOutbox, LoseRace, PlannedEvent } from './command-plan.js';

interface Held {
  planned: PlannedEvent;
  /** The events planned together (one command's) share this. */
  owner: LoseRace | undefined;
  /** Whether commands accepted after it wait until it is sent (see `busyUntil`). */
  blocks: boolean;
}

interface SessionLine {
  held: Held[];
  timer: unknown;
  dueAt: number;
}

export interface CallTimelineOptions {
  outbox: CommandOutbox;
  clock: Clock;
}

export function createCallTimeline({ outbox, clock }: CallTimelineOptions) {
  const lines = new Map<string, SessionLine>();

  /** Sends what is due by `at`, in time order (stable: one command's events keep their order). */
  const release = (session: string, line: SessionLine, at: number) => {
    let due = 0;
    while (due < line.held.length && line.held[due]!.planned.dueAt <= at) due += 1;
    if (due === 0) return;
    outbox.send(
      session,
      line.held.splice(0, due).map(({ planned }) => planned),
    );
  };

  const schedule = (session: string, line: SessionLine) => {
    if (line.held.length === 0) {
      if (line.timer !== undefined) clock.clearTimeout(line.timer);
      lines.delete(session);
      return;
    }
    const next = line.held[0]!.planned.dueAt;
    if (line.timer !== undefined && line.dueAt === next) return;
    if (line.timer !== undefined) clock.clearTimeout(line.timer);
    line.dueAt = next;
    line.timer = clock.setTimeout(
      () => {
        line.timer = undefined;
        release(session, line, clock.now());
        schedule(session, line);
      },
      Math.min(Math.max(0, next - clock.now()), MAX_TIMER_MS),
    );
  };

  /** Holds an event in time order, after any held event due at the same instant or before it. */
  const hold = (line: SessionLine, held: Held) => {
    let at = line.held.length;
    while (at > 0 && line.held[at - 1]!.planned.dueAt > held.planned.dueAt) at -= 1;
    line.held.splice(at, 0, held);
  };

  return {
    waitForCapacity: () => outbox.waitForCapacity(),

    /**
     * One command's (or trigger's) events. `lose` says what it sends instead if the call ends
     * before they are due; `blocks`, that the session's later commands are carried out only after
     * them (a command that changed the call: see `busyUntil`).
     */
    send(session: string, events: readonly PlannedEvent[], lose?: LoseRace, blocks = false): void {
      const now = clock.now();
      const line = lines.get(session);
      if (line !== undefined) release(session, line, now);
      const dueNow = events.filter(({ dueAt }) => dueAt <= now);
      // Nothing held can be due before what is due now: it goes first.
      if (dueNow.length > 0) outbox.send(session, dueNow);
      if (dueNow.length === events.length) {
        if (line !== undefined) schedule(session, line);
        return;
      }
      const target = line ?? { held: [], timer: undefined, dueAt: Number.NaN };
      lines.set(session, target);
      for (const planned of events) if (planned.dueAt > now) hold(target, { planned, owner: lose, blocks });
      schedule(session, target);
    },

    /**
     * The call ends at `at`: what is due by then is sent; every command whose events are still
     * held has lost the race, and sends what its `lose` says instead. Call it before the end's
     * own webhooks are planned (they report the call as the race left it).
     */
    end(session: string, at: number): void {
      const line = lines.get(session);
      if (line === undefined) return;
      release(session, line, at);
      const losers = new Map<LoseRace, PlannedEvent[]>();
      const kept: PlannedEvent[] = [];
      for (const { planned, owner } of line.held) {
        if (owner === undefined) kept.push(planned);
        else losers.set(owner, [...(losers.get(owner) ?? []), planned]);
      }
      line.held.length = 0;
      schedule(session, line);
      for (const [lose, dropped] of losers) {
        const instead = lose(new Date(at), dropped);
        if (instead.length > 0) outbox.send(session, instead);
      }
      // Events that cannot lose (a trigger's) are sent as planned; each still waits for its time.
      if (kept.length > 0) outbox.send(session, kept);
    },

    /** Reset: everything held is forgotten, never sent; says how many webhooks that was. */
    clear(): number {
      let dropped = 0;
      for (const line of lines.values()) {
        if (line.timer !== undefined) clock.clearTimeout(line.timer);
        dropped += line.held.length;
      }
      lines.clear();
      return dropped;
    },

    /** Shutdown: everything held goes to delivery now (each still waits there for its time). */
    flush(): void {
      for (const [session, line] of lines) {
        if (line.timer !== undefined) clock.clearTimeout(line.timer);
        outbox.send(
          session,
          line.held.map(({ planned }) => planned),
        );
      }
      lines.clear();
    },

    /**
     * When a command accepted now is carried out: once the commands before it that changed the
     * call have completed (an answer's `call.answered` comes before a hangup's result), else now.
     * Only such a command blocks, and the next one on the call can only end it, so nothing
     * waits behind more than one command (a run of failed answers does not queue up).
     */
    busyUntil(session: string, now: number): number {
      const held = lines.get(session)?.held ?? [];
      for (let i = held.length - 1; i >= 0; i -= 1) if (held[i]!.blocks) return Math.max(now, held[i]!.planned.dueAt);
      return now;
    },

    /** Sessions with webhooks held. */
    get sessionsHeld() {
      return lines.size;
    },
  };
}

export type CallTimeline = ReturnType<typeof createCallTimeline>;
