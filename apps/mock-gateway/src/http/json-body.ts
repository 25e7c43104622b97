// A request body read as the API reads it, for the API and the control plane alike (one
// reader, so the two cannot drift): no body at all is `{}` whatever its Content-Type says
// (`curl -d ''` sends a form type with nothing); any other body must be `application/json`
// (media-type.ts: else 415) and I-JSON no deeper than MAX_JSON_DEPTH (strict-json.ts: else
// 400) — a body of whitespace alone is not JSON. The refusal is the problem to answer with.
import type { IncomingMessage } from 'node:http';
import type { HttpResult } from '../common/http-result.js';
import { accept, type Outcome, refuse } from '../common/outcome.js';
import type { Problems } from '../common/problems.js';
import { checkMediaType } from './media-type.js';
import { type BodyUnread, readBody } from './request-body.js';
import { parseStrictJson } from './strict-json.js';

export interface JsonBody {
  value: unknown;
  /** No body was sent: `value` is `{}`. */
  empty: boolean;
}

/** The body's value, or the problem that refuses it (415 or 400) with `instance` as its instance. */
export function readJsonBody(
  bytes: Buffer,
  headers: { 'content-type'?: string | undefined; 'content-encoding'?: string | undefined },
  problems: Problems,
  instance: string,
): Outcome<JsonBody, HttpResult> {
  if (bytes.length === 0) return accept({ value: {}, empty: true });
  const readable = checkMediaType(headers['content-type'], headers['content-encoding']);
  if (!readable.ok) {
    const { detail, headers: extra } = readable.reason;
    return refuse(problems.of('unsupported-media-type', { detail, instance, ...(extra ? { headers: extra } : {}) }));
  }
  const parsed = parseStrictJson(bytes);
  if (parsed.ok) return accept({ value: parsed.value, empty: false });
  const { message, pointer, tooDeep } = parsed.reason;
  if (pointer === undefined) {
    const detail = tooDeep ? `The request body ${message}.` : `The request body is not valid JSON: ${message}.`;
    return refuse(problems.of('malformed-json', { detail, instance }));
  }
  // A member twice: the body parses, but not as one value every reader agrees on (400, not 422).
  const errors = [{ pointer, detail: 'is given more than once; send each member once (RFC 7493)' }];
  return refuse(
    problems.of('malformed-json', {
      detail: `The request body is not I-JSON (RFC 7493): ${message}.`,
      instance,
      errors,
    }),
  );
}

/** The problem for a body not read in full: past the limit (413, and the connection closes), or never complete (400). */
export function unreadBodyProblem(
  unread: BodyUnread,
  maxBytes: number,
  problems: Problems,
  instance: string,
): HttpResult {
  if (unread.kind === 'aborted')
    return problems.status(400, {
      detail: 'The request body did not arrive in full.',
      instance,
      note: 'client aborted',
    });
  const size = unread.declared ?? `more than ${maxBytes}`;
  const detail = `The request body is ${size} bytes; the limit is ${maxBytes} bytes.`;
  return problems.of('content-too-large', { detail, instance, headers: { connection: 'close' } });
}

/** Reads and judges a whole body at once (the control plane's requests, whose every check comes after it). */
export async function readRequestJson(
  req: IncomingMessage,
  maxBytes: number,
  problems: Problems,
  instance: string,
): Promise<Outcome<JsonBody, HttpResult>> {
  const read = await readBody(req, maxBytes);
  if (!read.ok) return refuse(unreadBodyProblem(read.reason, maxBytes, problems, instance));
  return readJsonBody(read.value, req.headers, problems, instance);
}
