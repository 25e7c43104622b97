// `@call-control/webhooks/node`: serves a web-standard handler from node:http (or anything
// with the same request/response shape, such as Express). The only Node-specific module.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PROBLEM_CONTENT_TYPE, problemJson } from './problem-response.js';

export interface NodeListenerOptions {
  /** Bodies larger than this are refused with 413 (a declared length before it is read); default 1 MiB. */
  maxBodyBytes?: number;
  /** Told of an error the handler rejects with (the `500` does not carry it); default `console.error`. */
  onError?: (error: unknown) => void;
}

/** Answers a problem at once, synchronously, so it is out before the socket is let go. */
function answerProblem(res: ServerResponse, status: number, json: string, headers: Record<string, string> = {}): void {
  res
    .writeHead(status, {
      'content-type': PROBLEM_CONTENT_TYPE,
      'content-length': String(Buffer.byteLength(json)),
      ...headers,
    })
    .end(json);
}

/** The body, or undefined when it is larger than `maxBodyBytes` (then it has been refused with 413). */
async function readBody(
  req: IncomingMessage,
  res: ServerResponse,
  maxBodyBytes: number,
): Promise<Buffer<ArrayBuffer> | undefined> {
  const refuse = () =>
    answerProblem(
      res,
      413,
      problemJson(413, 'webhook-too-large', 'Webhook too large', `the body is over ${maxBodyBytes} bytes`),
      {
        // The rest of the body is never read, so the connection cannot carry another request.
        connection: 'close',
      },
    );
  // A declared length is refused at the header, before a byte of the body is read.
  if (Number(req.headers['content-length'] ?? 0) > maxBodyBytes) {
    refuse();
    return undefined;
  }
  // Without a declared length (chunked), count as it comes and stop once it is over.
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > maxBodyBytes) {
      refuse();
      return undefined; // leaving the loop destroys the request, and with it the connection
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

// Every request gets this origin. The receiver needs no Host, and a Host header is whatever the
// sender wrote: built into the URL, `a b`, `[` or `x@evil.example` made the Request throw
// before the signature was even looked at. The path and query are the request's own.
const ORIGIN = 'http://localhost';

/** The path and query of a request target; undefined for one that has none (`*`, an authority). */
function pathOf(target: string): string | undefined {
  if (target.startsWith('/')) return target;
  // The absolute form (`POST http://host/path`, as a proxy may send it): its authority is
  // ignored as Host is, its path kept.
  const url = URL.canParse(target) ? new URL(target) : undefined;
  return url?.protocol === 'http:' || url?.protocol === 'https:' ? `${url.pathname}${url.search}` : undefined;
}

/** The fetch Request for a node:http request, or why it cannot be one (the sender's doing). */
function toRequest(req: IncomingMessage, body: Buffer<ArrayBuffer>): Request | string {
  const path = pathOf(req.url ?? '/');
  if (path === undefined) return `the request target ${JSON.stringify(req.url)} is not a path`;
  const method = req.method ?? 'GET';
  try {
    const headers = new Headers();
    for (const [name, value] of Object.entries(req.headers)) {
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
    }
    return new Request(`${ORIGIN}${path}`, {
      method,
      headers,
      ...(method === 'GET' || method === 'HEAD' ? {} : { body }),
    });
  } catch (error) {
    // Something node:http lets through but fetch refuses, such as the method TRACE.
    return `the request cannot be read as a fetch Request: ${(error as Error).message}`;
  }
}

export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  {
    maxBodyBytes = 1024 * 1024,
    onError = (error) => console.error('webhook receiver error:', error),
  }: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      // A sender that goes away in the middle of its body left nothing to answer, and nothing
      // here failed: no onError (any peer could fill the receiver's log with it).
      const body = await readBody(req, res, maxBodyBytes).catch(() => void res.destroy());
      if (body === undefined) return;
      const request = toRequest(req, body);
      if (typeof request === 'string') {
        // Refused before the handler, as the sender's mistake: a 400, and no onError.
        answerProblem(res, 400, problemJson(400, 'webhook-request-malformed', 'Webhook request malformed', request));
        return;
      }
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      // The error's message may hold anything (a connection string, a path): log it, and
      // answer only that the receiver failed.
      onError(error);
      if (res.headersSent) res.destroy();
      else
        answerProblem(
          res,
          500,
          problemJson(
            500,
            'webhook-receiver-failed',
            'Webhook receiver failed',
            'the receiver failed; its log has the error',
          ),
        );
    });
  };
}
