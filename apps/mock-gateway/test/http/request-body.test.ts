// Reading a request body up to the limit, over a real node:http server.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type BodyUnread, readBody } from '../../src/http/request-body.js';
import type { Outcome } from '../../src/common/outcome.js';
import { rawRequest } from '../support/raw-http.js';

const LIMIT = 1_024;
let url: string;
let reads: Promise<Outcome<Buffer, BodyUnread>>[] = [];
const server = createServer((req: IncomingMessage, res) => {
  const read = readBody(req, LIMIT);
  reads.push(read);
  void read.then((result) => res.writeHead(200).end(result.ok ? 'read' : result.reason.kind));
});
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
const lastRead = async () => {
  const read = await reads.at(-1)!;
  reads = [];
  return read;
};

describe('readBody', () => {
  it('reads a body up to the limit', async () => {
    await rawRequest(url, { path: '/', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(LIMIT) });
    const read = await lastRead();
    expect(read.ok && read.value.toString()).toBe('x'.repeat(LIMIT));
  });

  it('reads no body as empty', async () => {
    await rawRequest(url, { path: '/' });
    const read = await lastRead();
    expect(read.ok && read.value.length).toBe(0);
  });

  it('refuses a declared Content-Length over the limit without reading it', async () => {
    await rawRequest(url, { path: '/', body: 'x'.repeat(LIMIT + 1) });
    expect(await lastRead()).toEqual({ ok: false, reason: { kind: 'too-large', declared: LIMIT + 1 } });
  });

  it('stops reading a chunked body as soon as it passes the limit', async () => {
    await rawRequest(url, {
      path: '/',
      headers: { 'transfer-encoding': 'chunked' },
      chunks: Array.from({ length: 8 }, () => 'y'.repeat(512)),
    });
    expect(await lastRead()).toEqual({ ok: false, reason: { kind: 'too-large', declared: null } });
  });

  it('notices a client that goes away before its body is complete', async () => {
    const { port } = new URL(url);
    const socket = connect(Number(port), '127.0.0.1', () =>
      socket.write('POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{"partial'),
    );
    await vi.waitFor(() => expect(reads).toHaveLength(1));
    socket.destroy();
    expect(await lastRead()).toEqual({ ok: false, reason: { kind: 'aborted' } });
  });
});
