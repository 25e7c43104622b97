// The call sessions the mock knows, each in a state of the command table, in a bounded store:
// a load test that sends every command to a fresh UUID must not grow the mock without end.
import type { CallDirection } from '@call-control/types';
import { FINAL_STATE, INITIAL_STATE, type SessionState } from './command-table.js';
import { createFifo } from '../common/fifo.js';

export interface Session {
  readonly uuid: string;
  /** Change it through the store's `transition`, which keeps the eviction order. */
  readonly state: SessionState;
  /** Epoch ms, as numbers: the store holds up to a hundred thousand sessions, and a Date weighs five times a number. */
  readonly startedAt: number;
  answeredAt: number | null;
  /** The call's facts, as every webhook of the session reports them. */
  readonly direction: CallDirection;
  readonly from?: string;
  readonly to?: string;
}

/**
 * Where sessions come from: `implicit`, any UUID the API is sent is a new ringing call (so a
 * `curl` needs no set-up); `explicit`, only those the control plane created exist, and the API
 * answers any other as the real gateway answers a call it never had (404).
 */
export type SessionMode = 'implicit' | 'explicit';

/** What a new session's call is: its direction (default inbound) and parties (left out when not known). */
export interface CallFacts {
  direction?: CallDirection;
  from?: string;
  to?: string;
}

export interface SessionStoreOptions {
  /**
   * At most this many sessions are remembered. Beyond it the session that ended longest ago is
   * forgotten; only when none has ended, the oldest live one.
   */
  maxSessions?: number;
  /** Told of each session the store forgets, so what hangs off it can go too. */
  onEvict?: (uuid: string) => void;
  /** Told of each new session and each change of state (the event stream listens). */
  onChange?: (session: Session) => void;
}

// Enough history for any functional test and for a load test's calls to live out their length,
// and small enough for a CI runner (what a session costs, and the memory a bench run kept at
// this bound and at four times it, are in ADR 0010). More with --max-sessions.
export const DEFAULT_MAX_SESSIONS = 25_000;

/** A session as the store holds it: whether it is still the store's (not forgotten, not reset away). */
interface StoredSession extends Session {
  stored: boolean;
}
const isStored = (session: StoredSession) => session.stored;

export function createSessionStore({
  maxSessions = DEFAULT_MAX_SESSIONS,
  onEvict,
  onChange,
}: SessionStoreOptions = {}) {
  // The sessions, and two queues of their UUIDs: in the order they started, and in the order
  // they ended. Eviction takes the oldest ended one (else the oldest live one) in O(1) however
  // many sessions there are (a load test makes a hundred thousand). A queue may still name a
  // session already forgotten (the other queue took it): it is skipped. Each session says
  // whether it is still held, so telling needs no lookup in a map of tens of thousands.
  const sessions = new Map<string, StoredSession>();
  const started = createFifo<StoredSession>();
  const ended = createFifo<StoredSession>();

  const evict = () => {
    while (sessions.size > maxSessions) {
      const oldest = ended.shift() ?? started.shift();
      if (oldest === undefined || !oldest.stored) continue;
      sessions.delete(oldest.uuid);
      oldest.stored = false;
      onEvict?.(oldest.uuid);
    }
    // Sessions forgotten through one queue are still named in the other, and would be kept
    // alive by it. Those at its front (the usual case: calls end in about the order they
    // started) go at once; any others now and then (amortised O(1)).
    while (started.size > 0 && !isStored(started.peek()!)) started.shift();
    if (started.size > 2 * sessions.size + 1_024) started.retain(isStored);
    if (ended.size > 2 * sessions.size + 1_024) ended.retain(isStored);
  };

  return {
    get size() {
      return sessions.size;
    },
    /** The session with this UUID; an unknown one is a new ringing call (inbound, unless `call` says otherwise). */
    get(uuid: string, now = new Date(), call: CallFacts = {}): Session {
      const key = uuid.toLowerCase();
      let session = sessions.get(key);
      if (session === undefined) {
        const { direction = 'inbound', from, to } = call;
        session = {
          uuid: key,
          state: INITIAL_STATE,
          startedAt: now.getTime(),
          answeredAt: null,
          direction,
          stored: true,
        };
        if (from !== undefined) (session as { from?: string }).from = from;
        if (to !== undefined) (session as { to?: string }).to = to;
        sessions.set(key, session);
        started.push(session);
        evict();
        onChange?.(session);
      }
      return session;
    },
    /** The session if the mock knows it, without creating one. */
    peek(uuid: string): Session | undefined {
      return sessions.get(uuid.toLowerCase());
    },
    /** Forgets every session (a reset); how many it knew. Sessions still in use are not told. */
    clear(): number {
      const known = sessions.size;
      for (const session of sessions.values()) session.stored = false;
      sessions.clear();
      started.clear();
      ended.clear();
      return known;
    },
    /** Moves a session to its next state (the command table says which). */
    transition(session: Session, state: SessionState): void {
      (session as { state: SessionState }).state = state;
      if (state === FINAL_STATE && (session as StoredSession).stored) ended.push(session as StoredSession);
      onChange?.(session);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
