// Cross-origin access for pages the developer names (`--cors-origin`), such as the docs' try-it
// panel on http://127.0.0.1:4011: exactly those origins may call the API, the control plane and
// the event stream from a browser. An allowed origin is echoed back, never `*`, and every answer
// says it varies by Origin, so a cache never hands one origin's answer to another. A preflight
// from an origin not on the list gets a problem that says how to allow it (the browser refuses
// the request either way; the developer reads why in the network panel). Without origins the
// handler is returned unchanged: no page elsewhere can read the mock's answers.
import type { IncomingMessage } from 'node:http';
import type { HttpResult } from '../common/http-result.js';
import type { Problems } from '../common/problems.js';
import type { SpecNode } from '../common/spec-model.js';

export interface CorsOptions {
  /** The origins allowed, each as a browser sends it (`http://127.0.0.1:4011`). */
  origins: readonly string[];
  /** The request headers a page may send beyond the safelisted ones (credentials, scenarios, …). */
  requestHeaders: readonly string[];
  problems: Problems;
}

type Handle = (req: IncomingMessage, url: URL) => Promise<HttpResult>;

export const CORS_METHODS = 'GET, POST';
/** What a page may read from an answer beyond the safelisted headers. */
export const CORS_EXPOSED_HEADERS = 'idempotent-replayed, retry-after, location';
const MAX_AGE_S = '600';

/**
 * The headers a page sends beyond the safelisted ones: the spec's header credentials, a JSON
 * body's type, the stream's resume point, and the mock's own controls (`Prefer`, scenarios).
 */
export function corsRequestHeaders(document: SpecNode, mockHeaders: readonly string[]): string[] {
  const schemes = Object.values<SpecNode>(document.components?.securitySchemes ?? {});
  const credentials = schemes.filter(({ type, in: where }) => type === 'apiKey' && where === 'header');
  return [...credentials.map(({ name }) => String(name)), 'content-type', 'last-event-id', 'prefer', ...mockHeaders];
}

/** `vary` with these names added to what the answer already varies by. */
function varyBy(headers: Record<string, string>, names: string): Record<string, string> {
  const vary = headers.vary === undefined ? names : `${headers.vary}, ${names}`;
  return { ...headers, vary };
}

const isPreflight = (req: IncomingMessage) =>
  req.method === 'OPTIONS' && req.headers['access-control-request-method'] !== undefined;

/** The handler, answering preflights and marking its answers for the allowed origins. */
export function withCors(handle: Handle, { origins, requestHeaders, problems }: CorsOptions): Handle {
  if (origins.length === 0) return handle;
  const allowed = new Set(origins);
  const allowHeaders = requestHeaders.map((name) => name.toLowerCase()).join(', ');
  return async (req, url) => {
    const origin = req.headers.origin;
    const permitted = origin !== undefined && allowed.has(origin);
    if (isPreflight(req)) {
      const vary = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
      if (!permitted) {
        const refused = problems.status(403, {
          detail: `The origin ${origin ?? '(none)'} may not call this mock gateway from a browser; start it with --cors-origin ${origin ?? 'ORIGIN'} to allow it.`,
          instance: url.pathname,
        });
        return { ...refused, headers: varyBy(refused.headers, vary) };
      }
      return {
        status: 204,
        headers: {
          'access-control-allow-origin': origin,
          'access-control-allow-methods': CORS_METHODS,
          'access-control-allow-headers': allowHeaders,
          'access-control-max-age': MAX_AGE_S,
          vary,
        },
      };
    }
    const result = await handle(req, url);
    const headers = varyBy(result.headers, 'Origin');
    if (permitted) {
      headers['access-control-allow-origin'] = origin;
      headers['access-control-expose-headers'] = CORS_EXPOSED_HEADERS;
    }
    return { ...result, headers };
  };
}
