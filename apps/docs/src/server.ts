// `pnpm docs:serve`: the built docs over HTTP on the loopback interface. sirv serves the files;
// Redoc 3 routes in the browser (`/commands`, `/section/…`), so a path without an extension
// that is not a file gets index.html and a reload or a shared link still opens the page.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { defaultDocsDir } from './build-docs.js';

export const DEFAULT_DOCS_PORT = 4011;
export const DEFAULT_DOCS_HOST = '127.0.0.1';

export interface DocsServerOptions {
  /** 0 lets the OS pick (tests). Default 4011. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The built site. Default: this app's dist/. */
  root?: string;
}

export interface DocsServer {
  /** `http://HOST:PORT`, with the port actually bound. */
  url: string;
  close(): Promise<void>;
}

export async function startDocsServer(options: DocsServerOptions = {}): Promise<DocsServer> {
  const { port = DEFAULT_DOCS_PORT, host = DEFAULT_DOCS_HOST, root = defaultDocsDir } = options;
  // dev: read the files per request, so a rebuild shows without a restart.
  const serveFiles = sirv(root, { dev: true, etag: true, single: true });
  const server = createServer((request, response) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      response.writeHead(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`${request.method} is not allowed: the docs are read-only\n`);
      return;
    }
    serveFiles(request, response, () => {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      response.end(`not found: ${request.url}\n`);
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
