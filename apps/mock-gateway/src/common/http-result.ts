// What a request handler decides to answer, before it is written to the socket.
import type { ServerResponse } from 'node:http';

export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** Why this answer, for the request's log line: `replayed`, `Prefer: code=503`, … */
  note?: string;
  /** The operation a command's 202 started, for the event stream. */
  operationId?: string;
  /** Chaos (`--drop-responses`): the connection is destroyed instead of answering. */
  drop?: true;
  /** A problem's `type`, for the request journal (so it need not parse the body again). */
  problemType?: string;
  /** A long-lived answer (the event stream): takes the response once its headers are written. */
  stream?: (res: ServerResponse) => void;
}

export function jsonResult(status: number, body: unknown, headers?: Record<string, string>): HttpResult {
  const withType =
    headers === undefined ? { 'content-type': 'application/json' } : { 'content-type': 'application/json', ...headers };
  return { status, headers: withType, body: JSON.stringify(body) };
}

/** The same answer, its log line's reason extended (`replayed; latency 230 ms`). */
export const withNote = (result: HttpResult, note: string): HttpResult => ({
  ...result,
  note: result.note === undefined ? note : `${result.note}; ${note}`,
});
