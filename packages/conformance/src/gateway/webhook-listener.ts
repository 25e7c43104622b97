// The checker's own webhook receiver, on `--listen`: it records every delivery attempt the
// gateway makes (raw body, headers, arrival time) and answers 204 — or, for the retry cases,
// what a case scripts for a session (a 500, a 503 with Retry-After) — so the cases can judge
// what the gateway sent and when.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface DeliveryAttempt {
  /** Order of arrival over the whole run. */
  seq: number;
  /** `performance.now()` when the request arrived, and when the answer to it was sent. */
  arrivedAt: number;
  answeredAt: number;
  /** The checker's clock at arrival (ms since the epoch), for the timestamp's tolerance. */
  wallClock: number;
  headers: Record<string, string>;
  body: string;
  /** The body parsed, when it is JSON. */
  event: Record<string, unknown> | undefined;
  webhookId: string | undefined;
  /** The status the checker answered. */
  answered: number;
}

export interface ScriptedAnswer {
  status: number;
  headers?: Record<string, string>;
}

/** How the checker answers an attempt; `undefined`: 204. `earlier` are the attempts before it. */
export type AnswerScript = (
  attempt: DeliveryAttempt,
  earlier: readonly DeliveryAttempt[],
) => ScriptedAnswer | undefined;

export interface WebhookListener {
  url: string;
  attempts: DeliveryAttempt[];
  /** The attempts whose event names this session (by `sessionOf`), in order of arrival. */
  forSession(session: string): DeliveryAttempt[];
  /** Answers this session's attempts as the script says. */
  script(session: string, answer: AnswerScript): void;
  /** Resolves true once `condition()` holds, false at the deadline (`performance.now()` ms). */
  until(condition: () => boolean, deadline: number): Promise<boolean>;
  close(): Promise<void>;
}

const BODY_LIMIT = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= BODY_LIMIT) chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function parse(body: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body);
    return value !== null && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Listens on `host:port`; rejects with the listen error (EADDRINUSE, EACCES, …). */
export async function startWebhookListener(
  host: string,
  port: number,
  sessionOf: (event: Record<string, unknown>) => string | undefined,
): Promise<WebhookListener> {
  const attempts: DeliveryAttempt[] = [];
  const scripts = new Map<string, AnswerScript>();
  const waiters = new Set<() => void>();
  const bySession = (session: string) =>
    attempts.filter((attempt) => attempt.event !== undefined && sessionOf(attempt.event) === session);

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const arrivedAt = performance.now();
    const wallClock = Date.now();
    const body = await readBody(req).catch(() => '');
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
    const event = parse(body);
    const session = event === undefined ? undefined : sessionOf(event);
    const attempt: DeliveryAttempt = {
      seq: attempts.length,
      arrivedAt,
      answeredAt: arrivedAt,
      wallClock,
      headers,
      body,
      event,
      webhookId: headers['webhook-id'],
      answered: 204,
    };
    const earlier = session === undefined ? [] : bySession(session);
    const scripted = session === undefined ? undefined : scripts.get(session)?.(attempt, earlier);
    attempt.answered = scripted?.status ?? 204;
    attempts.push(attempt);
    res.writeHead(attempt.answered, scripted?.headers ?? {});
    res.end(() => {
      attempt.answeredAt = performance.now();
      for (const waiter of waiters) waiter();
    });
  });
  server.keepAliveTimeout = 1_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${shownHost}:${address.port}/`,
    attempts,
    forSession: bySession,
    script: (session, answer) => void scripts.set(session, answer),
    until(condition, deadline) {
      return new Promise((resolve) => {
        const finish = () => {
          clearTimeout(timer);
          waiters.delete(check);
          resolve(condition());
        };
        const check = () => {
          if (condition()) finish();
        };
        // The timer ends the wait whatever the clock says (a timer may fire a fraction early).
        const timer = setTimeout(finish, Math.max(0, deadline - performance.now()));
        waiters.add(check);
        check();
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
