// A gateway with one fault: the mock gateway behind a small proxy that changes one thing on the
// way — a request before the mock sees it, an answer before the checker sees it, or a webhook
// between the mock and the checker's receiver (re-signed when the fault is not the signature).
// The faults are test/fixtures/gateways/*.mjs, each a few lines, the fault in its file name.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startMockGateway } from '@call-control/mock-gateway';
import { signWebhook } from '@call-control/webhooks';

export const CREDENTIALS = { appId: 'conformance-app', apiKey: 'conformance-key' };

export interface ApiRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: string;
}

export interface ApiAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface Delivery {
  headers: Record<string, string>;
  body: string;
}

/** What the checker's receiver answered a delivery: its status and its Retry-After, if any. */
export interface Receipt {
  status: number;
  headers: Record<string, string>;
}

export interface FaultTools {
  credentials: typeof CREDENTIALS;
  /** Sends a delivery on to the checker's receiver; resolves with its answer (a 502 when it is gone). */
  forward(delivery: Delivery): Promise<Receipt>;
  /** The delivery's headers signed anew over `body` (the gateway's secret unless another is given). */
  sign(id: string, body: string, options?: { timestamp?: number; secret?: string }): Record<string, string>;
}

export interface GatewayFault {
  request?(request: ApiRequest, tools: FaultTools): ApiRequest | ApiAnswer;
  response?(request: ApiRequest, answer: ApiAnswer, tools: FaultTools): ApiAnswer;
  /** Handles one delivery attempt of the mock; resolves with the answer for the mock. */
  webhook?(delivery: Delivery, tools: FaultTools): Promise<Receipt>;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'content-length', 'transfer-encoding', 'keep-alive']);

async function read(req: IncomingMessage): Promise<{ headers: Record<string, string>; body: string }> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = Object.fromEntries(
    Object.entries(req.headers).flatMap(([name, value]) => (HOP_BY_HOP.has(name) ? [] : [[name, String(value)]])),
  );
  return { headers, body: Buffer.concat(chunks).toString('utf8') };
}

async function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => Promise<void>,
): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    handler(req, res).catch((error: Error) => res.writeHead(502).end(error.message));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

const isAnswer = (value: ApiRequest | ApiAnswer): value is ApiAnswer => 'status' in value;

/** The mock behind the fault; webhooks go on to `receiverUrl()` (asked at each delivery). */
export async function startBrokenGateway(
  fault: GatewayFault,
  secret: string,
  receiverUrl: () => string,
  specPath?: string,
) {
  const tools: FaultTools = {
    credentials: CREDENTIALS,
    // A 502 when the receiver is gone (a fault that sends late may send after the run ended).
    forward: ({ headers, body }) =>
      fetch(receiverUrl(), { method: 'POST', headers, body, signal: AbortSignal.timeout(10_000) }).then(
        (response) => ({ status: response.status, headers: Object.fromEntries(response.headers) }),
        () => ({ status: 502, headers: {} }),
      ),
    sign: (id, body, { timestamp, secret: other } = {}) => ({
      ...signWebhook({
        id,
        body,
        secret: other ?? secret,
        timestamp: timestamp === undefined ? undefined : new Date(timestamp * 1000),
      }),
    }),
  };
  const relay = await listen(async (req, res) => {
    const delivery = await read(req);
    const { status, headers } = await (fault.webhook ?? tools.forward)(delivery, tools);
    const retryAfter = headers['retry-after'];
    res.writeHead(status, retryAfter === undefined ? {} : { 'retry-after': retryAfter }).end();
  });
  const mock = await startMockGateway({
    port: 0,
    webhookUrl: `${relay.url}/`,
    webhookSecret: secret,
    retryScale: 0.001,
    quiet: true,
    specPath,
    ...CREDENTIALS,
  });
  const api = await listen(async (req, res) => {
    const { headers, body } = await read(req);
    const original: ApiRequest = { method: req.method!, path: req.url!, headers, body };
    const changed = fault.request?.(original, tools) ?? original;
    let answer: ApiAnswer;
    if (isAnswer(changed)) answer = changed;
    else {
      const response = await fetch(`${mock.url}${changed.path}`, {
        method: changed.method,
        headers: changed.headers,
        body: ['GET', 'HEAD'].includes(changed.method) ? undefined : changed.body,
        redirect: 'manual',
      });
      answer = { status: response.status, headers: Object.fromEntries(response.headers), body: await response.text() };
    }
    const final = fault.response?.(original, answer, tools) ?? answer;
    const {
      'content-length': _length,
      'transfer-encoding': _encoding,
      connection: _connection,
      ...rest
    } = final.headers;
    res.writeHead(final.status, rest).end(final.body);
  });
  return {
    url: api.url,
    async close() {
      await mock.close();
      for (const { server } of [api, relay]) {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      }
    },
  };
}

/** A port nothing listens on right now, for the checker's receiver. */
export async function freePort(): Promise<number> {
  const { server } = await listen(async () => {});
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
