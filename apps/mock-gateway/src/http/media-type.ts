// Whether a request body is in the one form the API reads: `application/json`, UTF-8 (RFC 8259
// allows no other charset for JSON between systems), not content-coded. A body in another
// charset or compressed would be misread, not merely read differently, so it is a 415 (RFC 9110
// §15.5.16: "a content coding … not acceptable" is a 415 too), before any attempt to parse it.
import { parse as parseContentType } from 'content-type';
import { type Outcome, PASSED, refuse } from '../common/outcome.js';

export interface MediaTypeRefusal {
  detail: string;
  /** RFC 7694: a 415 for a content coding says which codings are accepted. */
  headers?: Record<string, string>;
}

/** `application/json`, with or without parameters such as `charset=utf-8`. */
export function isJsonContentType(header: string | undefined): boolean {
  return header !== undefined && /^application\/json\s*(;|$)/i.test(header.trim());
}

/** Whether a non-empty body sent with these headers can be read; refused with why not. */
export function checkMediaType(
  contentType: string | undefined,
  contentEncoding: string | undefined,
): Outcome<undefined, MediaTypeRefusal> {
  const codings =
    contentEncoding === undefined
      ? []
      : contentEncoding
          .split(',')
          .map((coding) => coding.trim().toLowerCase())
          .filter((coding) => coding !== '' && coding !== 'identity');
  if (codings.length > 0) {
    return refuse({
      detail: `The request body must not be content-coded; Content-Encoding: ${contentEncoding} is not accepted (send it uncompressed).`,
      headers: { 'accept-encoding': 'identity' },
    });
  }
  if (!isJsonContentType(contentType)) {
    return refuse({
      detail: `The request body must be sent as application/json, not ${contentType ?? 'without a Content-Type'}.`,
    });
  }
  // The common case, read without parsing.
  if (/^application\/json$/i.test(contentType!)) return PASSED;
  // content-type (jshttp) reads quoted values and never throws; a parameter it cannot read is dropped.
  const { charset } = parseContentType(contentType!).parameters;
  if (charset !== undefined && charset.toLowerCase() !== 'utf-8') {
    return refuse({ detail: `The request body must be UTF-8 (RFC 8259); charset=${charset} is not accepted.` });
  }
  return PASSED;
}
