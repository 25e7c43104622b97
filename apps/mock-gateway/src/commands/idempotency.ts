// Idempotency by `command_uid`, after the IETF Idempotency-Key draft, scoped to the app and
// the session: the same key with the same request replays the stored response; with a
// different request it is a 422; while the first request is still being processed, a 409.
// One lifecycle: `begin` claims a key, then exactly one of `complete` (store the response)
// or `release` (the request was refused: the key may be used again). Bounded: at most
// maxKeysPerSession keys per session, the oldest completed one forgotten first.
import type { HttpResult } from '../common/http-result.js';
import { accept, type Outcome, refuse } from '../common/outcome.js';

export interface IdempotencyScope {
  session: string;
  appId: string;
}

export interface IdempotentRequest extends IdempotencyScope {
  commandUid: string;
  /** What "the same request" means: the command and its body. */
  command: string;
  body: unknown;
}

/** A claimed key, to be completed or released. */
export interface IdempotencyClaim {
  complete(response: HttpResult): void;
  release(): void;
}

/** Why a key cannot be claimed: its request was answered (replay it), is still running, or differed. */
export type KeyTaken = { kind: 'replay'; response: HttpResult } | { kind: 'in-flight' } | { kind: 'reused' };

interface KeyRecord {
  fingerprint: string;
  /** Unset while the first request is being processed. */
  response?: HttpResult;
}

/** A JSON value with its object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export const DEFAULT_MAX_KEYS_PER_SESSION = 1_000;

/**
 * Makes room for one more key in a session at its cap: forgets the oldest completed key (a
 * replay of it becomes a new command). An in-flight key is never forgotten, or its request's
 * retry would run twice; when every key is in flight the session briefly holds more (in-flight
 * keys are bounded by the requests open at once).
 */
function makeRoom(keys: Map<string, KeyRecord>, max: number): boolean {
  if (keys.size < max) return false;
  for (const [key, record] of keys) {
    if (record.response !== undefined) return keys.delete(key);
  }
  return false;
}

export function createIdempotencyStore({
  maxKeysPerSession = DEFAULT_MAX_KEYS_PER_SESSION,
}: {
  maxKeysPerSession?: number;
} = {}) {
  // session → (app, key) → record: the keys live as long as their session is remembered, at
  // most maxKeysPerSession of them (Map order: the oldest first).
  const sessions = new Map<string, Map<string, KeyRecord>>();
  let forgotten = 0;

  return {
    /** Claims the key for this request; refused when it is taken. */
    begin({ session, appId, commandUid, command, body }: IdempotentRequest): Outcome<IdempotencyClaim, KeyTaken> {
      const keys = sessions.get(session) ?? new Map<string, KeyRecord>();
      sessions.set(session, keys);
      const key = `${appId}\u0000${commandUid}`;
      const fingerprint = `${command}\u0000${canonicalJson(body)}`;
      const existing = keys.get(key);
      if (existing !== undefined) {
        if (existing.fingerprint !== fingerprint) return refuse({ kind: 'reused' });
        return refuse(
          existing.response === undefined ? { kind: 'in-flight' } : { kind: 'replay', response: existing.response },
        );
      }
      if (makeRoom(keys, maxKeysPerSession)) forgotten += 1;
      const record: KeyRecord = { fingerprint };
      keys.set(key, record);
      let settled = false;
      return accept({
        complete(response) {
          if (settled) return;
          settled = true;
          record.response = response;
        },
        release() {
          if (settled) return;
          settled = true;
          keys.delete(key);
          if (keys.size === 0 && sessions.get(session) === keys) sessions.delete(session);
        },
      });
    },
    /** Forgets every key of a session (the session store forgot the session). */
    forgetSession(session: string): void {
      sessions.delete(session);
    },
    /** Forgets every key (a reset); how many it held. A command still in flight settles into nothing. */
    clear(): number {
      let size = 0;
      for (const keys of sessions.values()) size += keys.size;
      sessions.clear();
      return size;
    },
    /** How many completed keys were forgotten to keep a session within maxKeysPerSession. */
    get forgotten(): number {
      return forgotten;
    },
    /** How many keys the store holds, over all sessions. */
    get size(): number {
      let size = 0;
      for (const keys of sessions.values()) size += keys.size;
      return size;
    },
  };
}

export type IdempotencyStore = ReturnType<typeof createIdempotencyStore>;
