// A webhook receiver as an app builds it from @call-control/webhooks' README: the handler
// behind `toNodeListener`, deduping on webhook-id. Every delivery is also checked against the
// spec itself (headers and body, with the spec's own schemas, not the package's validators);
// `close()` fails the file if any broke it.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { loadBundledSpec } from '@call-control/spec';
import { createWebhookDeliveryChecker } from '@call-control/spec/validator';
import type { WebhookEvent } from '@call-control/types';
import { createMemoryDedupeStore, createWebhookHandler } from '@call-control/webhooks';
import { toNodeListener } from '@call-control/webhooks/node';

interface Received {
  event: WebhookEvent;
  webhookId: string;
  /** When it arrived (epoch ms). */
  at: number;
}

export interface Receiver {
  url: string;
  /** Events the handler ran for, in arrival order (each once). */
  events: Received[];
  /** The status the receiver answered each delivery attempt with. */
  statuses: number[];
  forSession(session: string): Received[];
  /** Resolves once `count` events of the session arrived; rejects after `timeoutMs`. */
  waitForSession(session: string, count: number, timeoutMs?: number): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startReceiver(secret: string): Promise<Receiver> {
  const events: Received[] = [];
  const statuses: number[] = [];
  const violations: string[] = [];
  const checkDelivery = createWebhookDeliveryChecker(loadBundledSpec());
  const record = (event: WebhookEvent, { webhookId }: { webhookId: string }) =>
    void events.push({ event, webhookId, at: Date.now() });
  const listener = toNodeListener(
    createWebhookHandler({
      secret,
      dedupe: createMemoryDedupeStore(),
      on: { 'command.result': record, 'call.answered': record, 'call.hangup': record },
    }),
  );
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, String(value)]));
      violations.push(...checkDelivery(headers, Buffer.concat(chunks).toString('utf8')));
    });
    res.on('finish', () => statuses.push(res.statusCode));
    void listener(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const forSession = (session: string) => events.filter(({ event }) => event.data.session_uuid === session);
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks`,
    events,
    statuses,
    forSession,
    async waitForSession(session, count, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      while (forSession(session).length < count) {
        if (Date.now() > deadline)
          throw new Error(
            `receiver: ${count} events of ${session} did not arrive within ${timeoutMs} ms; got ${
              forSession(session)
                .map(({ event }) => event.type)
                .join(', ') || 'none'
            }`,
          );
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      return forSession(session);
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      if (violations.length > 0) throw new Error(`webhooks that break the spec:\n${violations.join('\n')}`);
    },
  };
}
