// The request journal (`GET /__mock/requests`): every request the API received — not the
// control plane's own — oldest first, with what came in (method, path, headers with the API key
// masked, the body as received) and what went out (status, `operation_id`, problem type), so a
// test asserts what its app sent. Bounded twice: `--journal-size` entries (the oldest go first),
// and per entry, the first BODY_BOUND bytes of the body and HEADERS_BOUND characters of headers.
// Recording costs a small object per request: the headers are node:http's own list of them as
// received (no copy, unless it passes the bound), the body is kept as text, and the JSON (the
// API key masked, names lower-cased) is written only when someone reads.
import type { CommandStreamEvent, HandledRequest } from './command-feed.js';
import { createPagedJournal } from './paged-journal.js';

/** The bytes of a body the journal keeps (the API takes at most 16 KiB; a valid command is a few dozen). */
export const BODY_BOUND = 4_096;
/** The characters of headers (names and values) the journal keeps per request; Node takes up to 16 KiB. */
export const HEADERS_BOUND = 8_192;
/** What stands in the journal for the API key, whatever it was. */
export const API_KEY_MASK = '***';

/** One request as the journal holds it. */
export interface RequestRecord {
  seq: number;
  event: CommandStreamEvent;
  appId: string | null;
  /** The raw headers as received (name, value, name, value, …), up to HEADERS_BOUND characters. */
  headers: readonly string[];
  headersTruncated: boolean;
  /** Null when the body was not read (too large, or never complete). */
  body: string | null;
  bodyBytes: number | null;
  problemType: string | null;
}

/** The fields the journal indexes: a filter by any of them reads only the entries that match. */
export type RequestKey = 'session' | 'command' | 'status' | 'app_id';

const ID_PREFIX = 'req_';
/** A request's id in the journal, `req_` and its sequence number: a cursor that stays valid after it is forgotten. */
export const requestId = (seq: number) => `${ID_PREFIX}${seq}`;
/** The sequence number of a request id; undefined for text that is not one. */
export const requestSeq = (id: string): number | undefined =>
  /^req_\d{1,15}$/.test(id) ? Number(id.slice(ID_PREFIX.length)) : undefined;

/**
 * The headers kept: node:http's list itself when it is within the bound (the usual case: it is
 * never changed once the request is parsed), else the first headers that fit.
 */
function boundedHeaders(rawHeaders: readonly string[]): { headers: readonly string[]; truncated: boolean } {
  let end = 0;
  let length = 0;
  while (
    end + 1 < rawHeaders.length &&
    length + rawHeaders[end]!.length + rawHeaders[end + 1]!.length <= HEADERS_BOUND
  ) {
    length += rawHeaders[end]!.length + rawHeaders[end + 1]!.length;
    end += 2;
  }
  return end >= rawHeaders.length
    ? { headers: rawHeaders, truncated: false }
    : { headers: rawHeaders.slice(0, end), truncated: true };
}

/** The kept headers as node:http names them (lower case; a repeated one joined by `, `), the API key masked. */
function shownHeaders(headers: readonly string[]): Record<string, string> {
  const shown: Record<string, string> = {};
  for (let i = 0; i + 1 < headers.length; i += 2) {
    const name = headers[i]!.toLowerCase();
    const value = name === 'x-api-key' ? API_KEY_MASK : headers[i + 1]!;
    shown[name] = Object.hasOwn(shown, name) && name !== 'x-api-key' ? `${shown[name]}, ${value}` : value;
  }
  return shown;
}

/** The X-App-ID a request sent (the first), from its raw headers. */
function appIdOf(rawHeaders: readonly string[]): string | null {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2)
    if (rawHeaders[i]!.toLowerCase() === 'x-app-id') return rawHeaders[i + 1]!;
  return null;
}

/** A request as `GET /__mock/requests` writes it. */
export function requestJson({
  seq,
  event,
  appId,
  headers,
  headersTruncated,
  body,
  bodyBytes,
  problemType,
}: RequestRecord) {
  return {
    id: requestId(seq),
    at: event.at,
    method: event.method,
    path: event.path,
    session_uuid: event.session_uuid,
    command: event.command,
    app_id: appId,
    headers: shownHeaders(headers),
    headers_truncated: headersTruncated,
    body,
    body_bytes: bodyBytes,
    body_truncated: bodyBytes !== null && bodyBytes > BODY_BOUND,
    status: event.status,
    operation_id: event.operation_id,
    problem_type: problemType,
    replayed: event.replayed,
    latency_ms: event.latency_ms,
  };
}

export function createRequestJournal({
  size,
  recording = true,
  changed,
}: {
  size: number;
  /** Off (`--request-journal off`): nothing is recorded. */
  recording?: boolean;
  /** Told of each new entry (the waits of `wait_ms` listen). */
  changed?: (record: RequestRecord) => void;
}) {
  const pages = createPagedJournal<RequestRecord, RequestKey>({
    size,
    keys: {
      session: (record) => record.event.session_uuid,
      command: (record) => record.event.command,
      status: (record) => String(record.event.status),
      app_id: (record) => record.appId,
    },
  });
  return {
    pages,
    /** A request answered: recorded with the stream's account of it. */
    record(event: CommandStreamEvent, { rawHeaders, body, result, admitted }: HandledRequest): void {
      if (!recording) return;
      const kept = boundedHeaders(rawHeaders);
      const record: RequestRecord = {
        seq: 0,
        event,
        appId: admitted?.appId ?? appIdOf(rawHeaders),
        headers: kept.headers,
        headersTruncated: kept.truncated,
        body: body === undefined ? null : body.toString('utf8', 0, BODY_BOUND),
        bodyBytes: body === undefined ? null : body.length,
        problemType: result.problemType ?? null,
      };
      record.seq = pages.append(record);
      changed?.(record);
    },
    /** Forgets every request; how many it held. */
    clear: () => pages.clear(),
  };
}

export type RequestJournal = ReturnType<typeof createRequestJournal>;
