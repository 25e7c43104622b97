// What a request handler decides to answer, before it is written to the socket.
export interface HttpResult {
  status: number;
  headers: Record<string, string>;
  body?: string;
  /** Why this answer, for the request's log line: `replayed`, `Prefer: code=503`, … */
  note?: string;
}

export function jsonResult(status: number, body: unknown, headers: Record<string, string> = {}): HttpResult {
  return { status, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) };
}
