// The command the mock's sections send: a hangup with the bench's credentials, each on a fresh
// session (the gateway's state machine would 409 a repeat).
import { randomUUID } from 'node:crypto';

export const HANGUP_HEADERS = { 'content-type': 'application/json', 'x-app-id': 'bench-app', 'x-api-key': 'bench-key' };
export const HANGUP_BODY = '{"cause":"USER_BUSY"}';

/** A hangup's path on a session no request has named before. */
export const freshHangupPath = () => `/api/v1/sessions/${randomUUID()}/commands/hangup`;
