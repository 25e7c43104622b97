// A real webhook receiver on 127.0.0.1, built on @call-control/webhooks: every delivery is
// signature-checked and validated against the spec before it is recorded. Independently of
// that package, every delivery's headers and body are also checked against the spec's own
// schemas (webhook parameters and event schema, compiled here with Ajv); any violation fails
// the test file when the receiver closes. Tests can make it fail the next N attempts, or keep
// it down until they bring it up.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { WebhookEvent } from '@call-control/types';
import { createMemoryDedupeStore, createWebhookHandler } from '@call-control/webhooks';
import { createWebhookDeliveryChecker } from '@call-control/spec/validator';
import { spec } from './spec.js';

export interface Received {
  event: WebhookEvent;
  webhookId: string;
  at: number;
}

export interface Receiver {
  url: string;
  /** Events the handler ran for, in arrival order (each once: the receiver dedupes). */
  events: Received[];
  /** Every HTTP attempt that reached the receiver, with the status it answered and its webhook-timestamp. */
  attempts: { webhookId: string | null; status: number; at: number; timestamp: string | null }[];
  /** Answer the next `count` attempts with `status` (and `Retry-After`, seconds or a date, if given). */
  failNext(count: number, status?: number, retryAfter?: number | string): void;
  /** Reset the connection of the next `count` attempts, or answer them only after `delayMs` (handling them). */
  faultNext(count: number, fault: 'reset' | { delayMs: number }): void;
  /** Deliveries of an event already handled (or being handled) that the dedupe store caught. */
  readonly duplicatesSuppressed: number;
  /** Requests that reached the receiver and are not answered yet (a slow handler's, say). */
  readonly inFlight: number;
  /** Resolves once `predicate` holds for the received events (checked on each arrival). */
  waitFor(predicate: (events: Received[]) => boolean, timeoutMs?: number): Promise<Received[]>;
  forSession(session: string): Received[];
  up(): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(secret: string, { startDown = false } = {}): Promise<Receiver> {
  const events: Received[] = [];
  const attempts: Receiver['attempts'] = [];
  let failures = { count: 0, status: 500, retryAfter: undefined as number | string | undefined };
  let faults: { count: number; fault: 'reset' | { delayMs: number } } = { count: 0, fault: 'reset' };
  let duplicatesSuppressed = 0;
  const dedupe = createMemoryDedupeStore();
  const countingDedupe = {
    claim(id: string) {
      const result = dedupe.claim(id);
      if (result !== 'claimed') duplicatesSuppressed += 1;
      return result;
    },
    complete: (id: string) => dedupe.complete(id),
    release: (id: string) => dedupe.release(id),
  };
  const waiters = new Set<() => void>();
  const record = (event: WebhookEvent, webhookId: string) => {
    events.push({ event, webhookId, at: Date.now() });
    for (const wake of waiters) wake();
  };
  const handler = createWebhookHandler({
    secret,
    dedupe: countingDedupe,
    on: {
      'command.result': (event, { webhookId }) => record(event, webhookId),
      'call.answered': (event, { webhookId }) => record(event, webhookId),
      'call.hangup': (event, { webhookId }) => record(event, webhookId),
    },
  });
  // Each header and the body of every delivery, against the spec's webhook definition.
  const checkDelivery = createWebhookDeliveryChecker(spec);
  const violations: string[] = [];

  let inFlight = 0;
  const server: Server = createServer((req, res) => {
    // Counted until the handler is done, even when the gateway gave up on the answer.
    inFlight += 1;
    const webhookId = (req.headers['webhook-id'] as string | undefined) ?? null;
    const timestamp = (req.headers['webhook-timestamp'] as string | undefined) ?? null;
    if (failures.count > 0) {
      failures.count -= 1;
      attempts.push({ webhookId, status: failures.status, at: Date.now(), timestamp });
      inFlight -= 1;
      res
        .writeHead(
          failures.status,
          failures.retryAfter === undefined ? {} : { 'retry-after': String(failures.retryAfter) },
        )
        .end();
      req.resume();
      return;
    }
    let delayMs = 0;
    if (faults.count > 0) {
      faults.count -= 1;
      if (faults.fault === 'reset') {
        attempts.push({ webhookId, status: 0, at: Date.now(), timestamp });
        inFlight -= 1;
        req.socket.destroy();
        return;
      }
      delayMs = faults.fault.delayMs;
    }
    const at = Date.now();
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
      violations.push(...checkDelivery(headers, body.toString('utf8')));
      if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
      const response = await handler(new Request(`http://127.0.0.1${req.url}`, { method: req.method!, headers, body }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
      attempts.push({ webhookId, status: response.status, at, timestamp });
      inFlight -= 1;
    });
  });

  // Pick a free port now, so the URL is known even while the receiver is down.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  if (startDown) await new Promise<void>((resolve) => server.close(() => resolve()));

  return {
    url: `http://127.0.0.1:${port}/webhooks`,
    events,
    attempts,
    failNext(count, status = 500, retryAfter) {
      failures = { count, status, retryAfter };
    },
    faultNext(count, fault) {
      faults = { count, fault };
    },
    get duplicatesSuppressed() {
      return duplicatesSuppressed;
    },
    get inFlight() {
      return inFlight;
    },
    waitFor(predicate, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (!predicate(events)) return;
          cleanup();
          resolve(events);
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(
              `receiver: condition not met within ${timeoutMs} ms; got ${events.map((e) => e.event.type).join(', ') || 'nothing'}`,
            ),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    forSession(session) {
      return events.filter(({ event }) => event.data.session_uuid === session);
    },
    up: () => new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve())),
    async close() {
      await new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
        if (!server.listening) resolve();
      });
      if (violations.length > 0) throw new Error(`webhooks that break the spec:\n${violations.join('\n')}`);
    },
  };
}
