// A real HTTP server on 127.0.0.1 that answers every request with the reply a test sets:
// the upstream behind a proxy, when the test needs it to break the contract on purpose.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Upstream {
  url: string;
  answer(reply: { status: number; body: unknown }): void;
  close(): Promise<void>;
}

export async function startUpstream(): Promise<Upstream> {
  let reply = { status: 204, body: undefined as unknown };
  const server = createServer((req, res) => {
    req.resume().on('end', () => {
      res
        .writeHead(reply.status, { 'content-type': 'application/json' })
        .end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    answer: (next) => (reply = next),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
