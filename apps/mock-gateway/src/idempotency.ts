// Idempotency by `command_uid`, after the IETF Idempotency-Key draft, scoped to the app and
// the session: the same key with the same request replays the stored response; with a
// different request it is a 422; while the first request is still being processed, a 409.
import type { HttpResult } from './http-result.js';
import type { Session } from './sessions.js';

export interface IdempotencyRecord {
  /** The command and its canonical body: what "the same request" means. */
  fingerprint: string;
  /** Unset while the first request is being processed. */
  response?: HttpResult;
}

export type IdempotencyCheck =
  | { kind: 'new'; record: IdempotencyRecord }
  | { kind: 'replay'; response: HttpResult }
  | { kind: 'in-flight' }
  | { kind: 'reused' };

/** A JSON value with its object keys sorted, so `{a,b}` and `{b,a}` are the same request. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function checkIdempotency(
  session: Session,
  { appId, commandUid, command, body }: { appId: string; commandUid: string; command: string; body: unknown },
): IdempotencyCheck {
  const key = `${appId}\u0000${commandUid}`;
  const fingerprint = `${command}\u0000${canonical(body)}`;
  const existing = session.keys.get(key);
  if (existing === undefined) {
    const record: IdempotencyRecord = { fingerprint };
    session.keys.set(key, record);
    return { kind: 'new', record };
  }
  if (existing.fingerprint !== fingerprint) return { kind: 'reused' };
  if (existing.response === undefined) return { kind: 'in-flight' };
  return { kind: 'replay', response: existing.response };
}

/** The first request failed before it was accepted: its key may be used again. */
export function forgetIdempotencyKey(session: Session, appId: string, commandUid: string): void {
  session.keys.delete(`${appId}\u0000${commandUid}`);
}
