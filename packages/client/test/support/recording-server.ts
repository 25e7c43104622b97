// A real HTTP server on 127.0.0.1 that records every request and answers from a script the
// test sets: status, headers, body — or a dropped connection, or a delay.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

export type Reply =
  | { status: number; headers?: Record<string, string>; body?: unknown }
  | { drop: true }
  | { delayMs: number; then: Reply };

export interface RecordingServer {
  url: string;
  requests: Recorded[];
  /** The replies to give, in order; when they run out, `fallback` answers. */
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

const ACCEPTED = { operation_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890', status: 'in_progress', timeout_ms: 2000 };
export const fallback: Reply = { status: 202, body: ACCEPTED };

/** Static pages served as is and never recorded (a browser test's page and script). */
export type Pages = Record<string, { contentType: string; body: string }>;

export async function startRecordingServer(pages: Pages = {}): Promise<RecordingServer> {
  const requests: Recorded[] = [];
  let replies: Reply[] = [];
  const server: Server = createServer((req, res) => {
    const page = req.method === 'GET' ? pages[req.url ?? ''] : undefined;
    if (page !== undefined) {
      res.writeHead(200, { 'content-type': page.contentType }).end(page.body);
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests.push({ method: req.method!, path: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString(), at: Date.now() });
      const answer = (reply: Reply): void => {
        if ('drop' in reply) {
          req.socket.destroy();
          return;
        }
        if ('delayMs' in reply) {
          setTimeout(() => answer(reply.then), reply.delayMs);
          return;
        }
        const isProblem = reply.status >= 400;
        res.writeHead(reply.status, { 'content-type': isProblem ? 'application/problem+json' : 'application/json', ...reply.headers });
        res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
      };
      answer(replies.shift() ?? fallback);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    script: (...next) => {
      replies = next;
      requests.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
