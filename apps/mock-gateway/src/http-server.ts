// The mock's HTTP server (node:http): hands each request to the gateway and writes its answer;
// cuts off slow or stalled clients without holding resources or slowing anyone else; answers a
// request Node cannot even parse with a problem body before it closes the connection; turns an
// unexpected failure into a 500 problem, never a crash.
import { createServer, STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Duplex } from 'node:stream';
import type { HttpResult } from './http-result.js';
import type { Log } from './log.js';
import type { Problems } from './problems.js';

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
  const target = `http://mock${req.url ?? '/'}`;
  return URL.canParse(target) ? new URL(target) : new URL('http://mock/');
}

/** What to answer a request Node's parser rejected; undefined when the peer is gone. */
export function clientErrorReply(error: NodeJS.ErrnoException, requestTimeoutMs: number): { status: number; detail: string } | undefined {
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

function send(res: ServerResponse, { status, headers, body, stream }: HttpResult): void {
  if (res.headersSent) return;
  if (stream !== undefined) {
    res.writeHead(status, headers);
    return stream(res);
  }
  res.writeHead(status, body === undefined ? headers : { ...headers, 'content-length': String(Buffer.byteLength(body)) });
  res.end(body);
}

export function createHttpServer({ handle, problems, log, requestTimeoutMs, headersTimeoutMs }: HttpServerOptions): Server {
  // node:http checks the two timeouts every connectionsCheckingInterval: often enough to honour them.
  const timeouts = {
    headersTimeout: Math.min(headersTimeoutMs, requestTimeoutMs),
    requestTimeout: requestTimeoutMs,
    connectionsCheckingInterval: Math.max(50, Math.min(1_000, Math.min(headersTimeoutMs, requestTimeoutMs) / 2)),
  };
  const answeredByClientError = new WeakSet<Duplex>();

  const server = createServer(timeouts, (req, res) => {
    const started = performance.now();
    const url = targetOf(req);
    handle(req, url)
      .catch((error: unknown): HttpResult => {
        log.warn(`internal error on ${req.method} ${url.pathname}: ${(error as Error).stack ?? error}`);
        return problems.of('internal-error', { detail: 'The mock gateway failed unexpectedly; retrying with the same command_uid is safe.', instance: url.pathname });
      })
      .then((result) => {
        // Node already answered this one (see 'clientError'), and said so in the log.
        if (answeredByClientError.has(req.socket)) return;
        send(res, result);
        log.request({ method: req.method ?? '', path: url.pathname, status: result.status, ms: performance.now() - started, ...(result.note ? { note: result.note } : {}) });
      });
  });
  server.keepAliveTimeout = 5_000;

  // A request Node cannot parse (a broken request line or chunk, headers too large, a body
  // that stopped arriving) still gets a problem body, then the connection is closed.
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const reply = clientErrorReply(error, requestTimeoutMs);
    if (reply !== undefined && socket.writable && (socket as Socket).bytesWritten === 0) {
      answeredByClientError.add(socket);
      const { status, body } = problems.plain(reply.status, STATUS_CODES[reply.status]!, { detail: reply.detail });
      socket.end(
        `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\ncontent-type: application/problem+json\r\n` +
          `content-length: ${Buffer.byteLength(body!)}\r\nconnection: close\r\n\r\n${body}`,
      );
      log.request({ method: '-', path: '-', status, ms: 0, note: error.code ?? error.message });
    }
    socket.destroy();
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
