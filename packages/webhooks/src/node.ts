// `@call-control/webhooks/node`: serves a web-standard handler from node:http (or anything
// with the same request/response shape, such as Express). The only Node-specific module.
import type { IncomingMessage, ServerResponse } from 'node:http';

export interface NodeListenerOptions {
  /** Bodies larger than this are refused with 413 before they are read; default 1 MiB. */
  maxBodyBytes?: number;
}

export function toNodeListener(
  handler: (request: Request) => Promise<Response>,
  { maxBodyBytes = 1024 * 1024 }: NodeListenerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => void {
  return (req, res) => {
    void (async () => {
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of req as AsyncIterable<Buffer>) {
        size += chunk.length;
        if (size > maxBodyBytes) {
          res.writeHead(413, { connection: 'close' }).end();
          req.destroy();
          return;
        }
        chunks.push(chunk);
      }
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
      }
      const method = req.method ?? 'GET';
      const host = req.headers.host ?? 'localhost';
      const request = new Request(`http://${host}${req.url ?? '/'}`, {
        method,
        headers,
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: Buffer.concat(chunks) }),
      });
      const response = await handler(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(res.writableEnded ? undefined : `webhook receiver error: ${(error as Error).message}`);
    });
  };
}
