// A real HTTP server on 127.0.0.1 that records every request and answers from a script the
// test sets: status, headers, body (JSON, or raw text) — or a dropped connection, a delay, or a
// flood of body bytes (counting how many the client let through before it hung up).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  at: number;
}

type Reply =
  | { status: number; headers?: Record<string, string>; body?: unknown; text?: string }
  | { status: number; flood: { bytes: number; declareLength: boolean } }
  | { drop: true }
  | { delayMs: number; reply: Reply }; // the reply, after a delay (a `then` field would make it a thenable)

/** How a flood went: bytes handed to the socket, and whether all of them were. */
interface Flood {
  written: number;
  finished: boolean;
  /** Resolves once the flood is over: finished, or cut off by the client. */
  over: Promise<void>;
}

export interface RecordingServer {
  url: string;
  requests: Recorded[];
  /** Every flood answered since the last `script`. */
  floods: Flood[];
  /** The replies to give, in order; when they run out, `fallback` answers. */
  script(...replies: Reply[]): void;
  close(): Promise<void>;
}

const ACCEPTED = { operation_id: 'a1b2c3d4-e5f6-7890-abcd-ef1234567890', status: 'in_progress', timeout_ms: 2000 };
const fallback: Reply = { status: 202, body: ACCEPTED };

/** Static pages served as is and never recorded (a browser test's page and script). */
export type Pages = Record<string, { contentType: string; body: string }>;

const FLOOD_CHUNK = Buffer.alloc(64 * 1024, 'x');

/** Writes `bytes` of body as fast as the client reads them, and stops when it hangs up. */
function flood(
  res: ServerResponse,
  status: number,
  { bytes, declareLength }: { bytes: number; declareLength: boolean },
): Flood {
  res.writeHead(status, {
    'content-type': 'application/json',
    ...(declareLength ? { 'content-length': String(bytes) } : {}),
  });
  const record: Flood = { written: 0, finished: false, over: Promise.resolve() };
  record.over = new Promise<void>((resolve) => {
    res.on('close', resolve);
    const pump = () => {
      while (record.written < bytes && !res.destroyed) {
        const size = Math.min(FLOOD_CHUNK.length, bytes - record.written);
        record.written += size;
        if (!res.write(size === FLOOD_CHUNK.length ? FLOOD_CHUNK : FLOOD_CHUNK.subarray(0, size)))
          return void res.once('drain', pump);
      }
      if (record.written >= bytes && !res.destroyed) res.end(() => (record.finished = true));
    };
    pump();
  });
  return record;
}

export async function startRecordingServer(pages: Pages = {}): Promise<RecordingServer> {
  const requests: Recorded[] = [];
  const floods: Flood[] = [];
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
      requests.push({
        method: req.method!,
        path: req.url!,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        at: Date.now(),
      });
      const answer = (reply: Reply): void => {
        if ('drop' in reply) {
          req.socket.destroy();
          return;
        }
        if ('delayMs' in reply) {
          const { delayMs, reply: delayed } = reply;
          setTimeout(() => answer(delayed), delayMs);
          return;
        }
        if ('flood' in reply) {
          floods.push(flood(res, reply.status, reply.flood));
          return;
        }
        const isProblem = reply.status >= 400;
        res.writeHead(reply.status, {
          'content-type': isProblem ? 'application/problem+json' : 'application/json',
          ...reply.headers,
        });
        res.end(reply.text ?? (reply.body === undefined ? undefined : JSON.stringify(reply.body)));
      };
      answer(replies.shift() ?? fallback);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    floods,
    script: (...next) => {
      replies = next;
      requests.length = 0;
      floods.length = 0;
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
