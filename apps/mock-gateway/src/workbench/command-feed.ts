// What the event stream says about each request to the API: one `command` event per request
// handled, accepted or not, published as it is answered — when it arrived, method, path,
// status, the command its path names, the session (only of a request admission let through:
// the engine has held its path to the spec's session UUID pattern and its sender showed
// credentials), the operation its 202 started, whether it was a replay, and the latency chaos
// added. A refused request names no session: otherwise anyone could put any string (a path,
// a query) into every open inspector as a session id.
import type { AdmittedCommand } from '../commands/admission.js';
import type { CommandTable } from '../commands/command-table.js';
import type { HttpResult } from '../shared/http-result.js';
import { isoTime } from '../shared/clock.js';
import { matchPathTemplate } from '../engine/path-template.js';

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
}

export function createCommandFeed({
  table,
  publish,
}: {
  table: CommandTable;
  publish: (event: CommandStreamEvent) => void;
}) {
  const entries = [...table.values()];

  /** The command a path names, for a request admission refused. */
  const commandNamed = (path: string): string | null => {
    for (const entry of entries) if (matchPathTemplate(entry.path, path) !== undefined) return entry.command;
    return null;
  };

  return {
    handled({ receivedAt, method, url, admitted, result, latencyMs }: HandledRequest): void {
      const { session, command } =
        admitted === undefined
          ? { session: null, command: commandNamed(url.pathname) }
          : { session: admitted.sessionUuid.toLowerCase(), command: admitted.entry.command };
      publish({
        at: isoTime(receivedAt),
        method,
        path: url.pathname,
        status: result.status,
        session_uuid: session,
        command,
        operation_id: result.operationId ?? null,
        replayed: result.headers['idempotent-replayed'] === 'true',
        latency_ms: latencyMs,
      });
    },
  };
}

export type CommandFeed = ReturnType<typeof createCommandFeed>;
