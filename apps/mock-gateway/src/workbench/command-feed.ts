// What the event stream says about each request to the API: one `command` event per request
// handled, accepted or not, published as it is answered — when it arrived, method, path,
// status, the session and command it names (when its path names them), the operation its 202
// started, whether it was a replay, and the latency chaos added.
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

  /** The session and command a path names, for a request admission refused. */
  const named = (path: string): { session: string | null; command: string | null } => {
    for (const entry of entries) {
      const params = matchPathTemplate(entry.path, path);
      if (params?.uuid !== undefined) return { session: params.uuid.toLowerCase(), command: entry.command };
    }
    return { session: null, command: null };
  };

  return {
    handled(handled: HandledRequest): void {
      const { receivedAt, method, url, admitted, result, latencyMs } = handled;
      const { session, command } =
        admitted === undefined
          ? named(url.pathname)
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
      record?.(event, handled);
    },
  };
}

export type CommandFeed = ReturnType<typeof createCommandFeed>;
