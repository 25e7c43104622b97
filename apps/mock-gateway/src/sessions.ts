// The state of each call session, so a whole call flow behaves like the real gateway: an
// unknown UUID is a ringing inbound call; answer → answered; hangup or disconnect → ended;
// a command on an ended session finds no session (404).
import type { IdempotencyRecord } from './idempotency.js';

export type SessionState = 'ringing' | 'answered' | 'ended';

export interface Session {
  readonly uuid: string;
  state: SessionState;
  readonly startedAt: Date;
  answeredAt: Date | null;
  /** The idempotency keys used on this session (they live as long as it does). */
  readonly keys: Map<string, IdempotencyRecord>;
}

export interface SessionStoreOptions {
  /** At most this many sessions are remembered; the oldest ended ones are forgotten first. */
  maxSessions?: number;
}

export function createSessionStore({ maxSessions = 10_000 }: SessionStoreOptions = {}) {
  // Insertion order = creation order, so the first ended entries found are the oldest.
  const sessions = new Map<string, Session>();

  const forgetOldEnded = () => {
    if (sessions.size <= maxSessions) return;
    for (const [uuid, session] of sessions) {
      if (sessions.size <= maxSessions) return;
      if (session.state === 'ended') sessions.delete(uuid);
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
        forgetOldEnded();
      }
      return session;
    },
    /** The session if the mock knows it, without creating one. */
    peek(uuid: string): Session | undefined {
      return sessions.get(uuid.toLowerCase());
    },
  };
}

export type SessionStore = ReturnType<typeof createSessionStore>;
