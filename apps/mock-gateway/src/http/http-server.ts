// The mock's HTTP server (node:http): hands each request to the gateway and writes its answer,
// one request at a time per connection (see connection-queue); cuts off slow or stalled clients
// without holding resources or slowing anyone else; answers a request Node cannot even parse,
// or would refuse on its own (no Host, an Expect it cannot meet), with a problem body; turns an
// unexpected failure into a 500 problem, never a crash.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { createConnectionQueue } from './connection-queue.js';
import type { HttpResult } from '../common/http-result.js';
import type { Log } from '../common/log.js';
import type { Problems } from '../common/problems.js';

export interface HttpServerOptions {
  /** Answers one request; `url` is its target, parsed. */
  handle(req: IncomingMessage, url: URL): Promise<HttpResult>;
  problems: Problems;
  log: Log;
  /** How long a client may take to send a whole request, headers and body. */
  requestTimeoutMs: number;
  /** How long a client may take to send its headers (at most requestTimeoutMs). */
  headersTimeoutMs: number;
}

/** The request target is a path; prefixing an origin keeps `//x` a path, not a host. */
function targetOf(req: IncomingMessage): URL {
  try {
    return new URL(`http://mock${req.url ?? '/'}`); // parsed once (canParse first would parse it twice)
  } catch {
    return new URL('http://mock/');
  }
}

/** What to answer a request Node's parser rejected; undefined when the peer is gone. */
function clientErrorReply(
  error: NodeJS.ErrnoException,
  requestTimeoutMs: number,
): { status: number; detail: string } | undefined {
  switch (error.code) {
    case 'ECONNRESET':
      return undefined;
    case 'HPE_HEADER_OVERFLOW':
      return { status: 431, detail: 'The request headers are too large.' };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, detail: `The request did not arrive in full within ${requestTimeoutMs} ms.` };
    default:
      return { status: 400, detail: `The request is not well-formed HTTP (${error.code ?? error.message}).` };
  }
}

/** Writes the answer (or starts its stream); says whether the connection closes after it (the client's or our choice). */
function send(res: ServerResponse, { status, headers, body, stream, drop }: HttpResult): { closes: boolean } {
  if (drop) {
    res.destroy(); // no status line, no body: the client sees the connection go
    return { closes: true };
  }
  if (!res.headersSent) {
    if (stream !== undefined) {
      res.writeHead(status, headers);
      stream(res);
    } else {
      res.writeHead(
        status,
        body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) },
      );
      res.end(body);
    }
  }
  return { closes: !res.shouldKeepAlive || (headers.connection !== undefined && /^close$/i.test(headers.connection)) };
}

/** A problem written straight to the socket, for a request node:http will not hand over. */
function rawProblem(problems: Problems, status: number, detail: string): string {
  const { body } = problems.status(status, { detail });
  return (
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/problem+json\r\n` +
    `content-length: ${Buffer.byteLength(body!)}\r\nconnection: close\r\n\r\n${body}`
  );
}

/** HTTP/1.1 requires Host (RFC 9112 §3.2); Node would refuse it with an empty 400. */
const missingHost = (req: IncomingMessage) => req.httpVersion === '1.1' && req.headers.host === undefined;

export function createHttpServer({
  handle,
  problems,
  log,
  requestTimeoutMs,
  headersTimeoutMs,
}: HttpServerOptions): Server {
  // node:http checks the two timeouts every connectionsCheckingInterval: often enough to honour them.
  const timeouts = {
    headersTimeout: Math.min(headersTimeoutMs, requestTimeoutMs),
    requestTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.min(headersTimeoutMs, requestTimeoutMs) / 2)),
    // Checked below, so the 400 carries a problem body.
    requireHostHeader: false,
  };
  const queue = createConnectionQueue();

  const answer = async (req: IncomingMessage, res: ServerResponse, decide: (url: URL) => Promise<HttpResult>) => {
    const started = log.verbose ? performance.now() : 0;
    const url = targetOf(req);
    const result = await decide(url).catch((error: unknown): HttpResult => {
      log.warn(`internal error on ${req.method} ${url.pathname}: ${(error as Error).stack ?? error}`);
      return problems.of('internal-error', {
        detail: 'The mock gateway failed unexpectedly; retrying with the same command_uid is safe.',
        instance: url.pathname,
      });
    });
    const sent = send(res, result);
    if (log.verbose)
      log.request({
        method: req.method ?? '',
        path: url.pathname,
        status: result.status,
        ms: performance.now() - started,
        ...(result.note ? { note: result.note } : {}),
      });
    return sent;
  };

  const server = createServer(timeouts, (req, res) =>
    queue.run(req, res, () =>
      answer(req, res, async (url) =>
        missingHost(req)
          ? problems.status(400, {
              detail: 'An HTTP/1.1 request must carry a Host header.',
              instance: url.pathname,
              headers: { connection: 'close' },
            })
          : handle(req, url),
      ),
    ),
  );
  server.keepAliveTimeout = 5_000;

  // An Expect other than 100-continue: Node would answer an empty 417.
  server.on('checkExpectation', (req: IncomingMessage, res: ServerResponse) =>
    queue.run(req, res, () =>
      answer(req, res, async (url) =>
        problems.status(417, {
          detail: `The server cannot meet Expect: ${req.headers.expect}; send the request without it.`,
          instance: url.pathname,
        }),
      ),
    ),
  );

  // A request Node cannot parse (a broken request line or chunk, headers too large, a body
  // that stopped arriving) still gets a problem body, after the answers to the requests
  // before it on the connection; then the connection is closed.
  const broken = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (broken.has(socket)) return; // the parser stays failed: one answer is enough
    broken.add(socket);
    const reply = clientErrorReply(error, requestTimeoutMs);
    void queue.broken(socket).then((open) => {
      if (reply === undefined || !open || !socket.writable) return socket.destroy();
      socket.end(rawProblem(problems, reply.status, reply.detail), () => socket.destroy());
      log.request({ method: '-', path: '-', status: reply.status, ms: 0, note: error.code ?? error.message });
    });
  });
  return server;
}

/** Listens, and resolves with the server's base URL (`http://127.0.0.1:4010`). */
export async function listen(server: Server, port: number, host: string): Promise<string> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { address, port: bound } = server.address() as AddressInfo;
  return `http://${address.includes(':') ? `[${address}]` : address}:${bound}`;
}
