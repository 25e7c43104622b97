// What the event stream says about each request to the API: one `command` event per request
// handled, accepted or not, published as it is answered — when it arrived, method, path,
// status, the command its path names, the session (only of a request admission let through:
// the engine has held its path to the spec's session UUID pattern and its sender showed
// credentials), the operation its 202 started, whether it was a replay, and the latency chaos
// added. A refused request names no session: otherwise anyone could put any string (a path,
// a query) into every open inspector as a session id.
import type { AdmittedCommand } from '../commands/admission.js';
import type { CommandTable } from '../commands/command-table.js';
import type { HttpResult } from '../common/http-result.js';
import { isoTime } from '../common/clock.js';
import { matchPathTemplate } from '../engine/path-template.js';

/** A session UUID as the spec's pattern has it (any case; the mock files sessions lower-cased). */
const SESSION_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface CommandStreamEvent {
  /** When the request arrived: before any webhook it caused, so a timeline sorts by it. */
  at: string;
  method: string;
  path: string;
  status: number;
  session_uuid: string | null;
  command: string | null;
  operation_id: string | null;
  replayed: boolean;
  latency_ms: number;
}

export interface HandledRequest {
  /** Epoch ms, on the gateway's clock. */
  receivedAt: number;
  method: string;
  url: URL;
  /** Set when the request passed admission. */
  admitted: AdmittedCommand | undefined;
  result: HttpResult;
  latencyMs: number;
  /** The request's headers as received: name, value, name, value, … (node:http's rawHeaders). */
  rawHeaders: string[];
  /** The body as received; undefined when it was not read (too large, or never complete). */
  body: Buffer | undefined;
}

export function createCommandFeed({
  table,
  publish,
  record,
}: {
  table: CommandTable;
  publish: (event: CommandStreamEvent) => void;
  /** Told of each request too, with the event (the request journal keeps both). */
  record?: (event: CommandStreamEvent, handled: HandledRequest) => void;
}) {
  const entries = [...table.values()];

  /** The command a path names, for a request admission refused. */
  const commandNamed = (path: string): string | null => {
    for (const entry of entries) if (matchPathTemplate(entry.path, path) !== undefined) return entry.command;
    return null;
  };
  /** The session a refused request's path names, when it is a well-formed session UUID. */
  const sessionNamed = (path: string): string | null => {
    for (const entry of entries) {
      const uuid = matchPathTemplate(entry.path, path)?.uuid;
      if (uuid !== undefined && SESSION_UUID.test(uuid)) return uuid.toLowerCase();
    }
    return null;
  };

  return {
    handled(handled: HandledRequest): void {
      const { receivedAt, method, url, admitted, result, latencyMs } = handled;
      const { session, command } =
        admitted === undefined
          ? { session: null, command: commandNamed(url.pathname) }
          : { session: admitted.sessionUuid.toLowerCase(), command: admitted.entry.command };
      const event: CommandStreamEvent = {
        at: isoTime(receivedAt),
        method,
        path: url.pathname,
        status: result.status,
        session_uuid: session,
        command,
        operation_id: result.operationId ?? null,
        replayed: result.headers['idempotent-replayed'] === 'true',
        latency_ms: latencyMs,
      };
      publish(event);
      // The request journal is read by the app's own tests (behind the control plane's
      // credentials, never pushed to a page): a refused request is filed under the session its
      // path names when that is a session UUID, so "what did my app send for this call" includes
      // what was refused.
      const named = admitted === undefined ? sessionNamed(url.pathname) : null;
      record?.(named === null ? event : { ...event, session_uuid: named }, handled);
    },
  };
}

export type CommandFeed = ReturnType<typeof createCommandFeed>;
