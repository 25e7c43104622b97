// The state of each call session, so a whole call flow behaves like the real gateway: an
// unknown UUID is a ringing inbound call; answer → answered; hangup or disconnect → ended;
// a command on an ended session finds no session (404).
import type { IdempotencyRecord } from './idempotency.js';

export type SessionState = 'ringing' | 'answered' | 'ended';

export interface Session {
  readonly uuid: string;
  /** Change it through the store's `transition`, which keeps the eviction order. */
  readonly state: SessionState;
  readonly startedAt: Date;
  answeredAt: Date | null;
  /** The idempotency keys used on this session (they live as long as it does). */
  readonly keys: Map<string, IdempotencyRecord>;
}

export interface SessionStoreOptions {
  /**
   * At most this many sessions are remembered. Beyond it the session that ended longest ago is
   * forgotten (its idempotency keys with it); only when none has ended, the oldest live one.
   */
  maxSessions?: number;
}

export function createSessionStore({ maxSessions = 100_000 }: SessionStoreOptions = {}) {
  // Both maps keep insertion order, so their first entries are the oldest: eviction is O(1)
  // however many sessions are live (a load test makes tens of thousands).
  const sessions = new Map<string, Session>();
  const ended = new Map<string, Session>();

  const evict = () => {
    while (sessions.size > maxSessions) {
      const uuid = (ended.size > 0 ? ended : sessions).keys().next().value as string;
      sessions.delete(uuid);
      ended.delete(uuid);
    }
  };

  return {
    get size() {
      return sessions.size;
    },
    /** The session with this UUID; an unknown one is a new ringing inbound call. */
    get(uuid: string, now = new Date()): Session {
      const key = uuid.toLowerCase();
      let session = sessions.get(key);
      if (session === undefined) {
        session = { uuid: key, state: 'ringing', startedAt: now, answeredAt: null, keys: new Map() };
        sessions.set(key, session);
        evict();
      }
      return session;
    },
    /** The session if the mock knows it, without creating one. */
    peek(uuid: string): Session | undefined {
      return sessions.get(uuid.toLowerCase());
    },
    /** Moves a session to its next state. */
    transition(session: Session, state: SessionState): void {
      (session as { state: SessionState }).state = state;
      if (state === 'ended' && sessions.has(session.uuid)) ended.set(session.uuid, session);
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
