import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDocsServer, type DocsServer } from '../src/server.js';

const INDEX = '<!DOCTYPE html><title>docs</title>';
const SPEC_JSON = '{"openapi":"3.1.0"}';
const SPEC_YAML = 'openapi: 3.1.0\n';
const SECRET = '{"secret":"beside the root"}';

/** A raw request (the path is sent as given, unlike fetch, which normalises `..`). */
function get(
  url: string,
  path: string,
  method = 'GET',
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    const outgoing = request({ hostname, port, path, method }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('startDocsServer', () => {
  let root: string;
  let secretName: string;
  let server: DocsServer;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'docs-site-'));
    writeFileSync(join(root, 'index.html'), INDEX);
    writeFileSync(join(root, 'openapi.json'), SPEC_JSON);
    writeFileSync(join(root, 'openapi.yaml'), SPEC_YAML);
    // A file next to the root, which no request may reach.
    secretName = `${basename(root)}.secret.json`;
    writeFileSync(join(dirname(root), secretName), SECRET);
    server = await startDocsServer({ port: 0, host: '127.0.0.1', root });
  });

  afterAll(async () => {
    await server.close();
    rmSync(root, { recursive: true, force: true });
    rmSync(join(dirname(root), secretName), { force: true });
  });

  it('listens on the loopback address with the port the OS picked', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.url).not.toMatch(/:0$/);
  });

  it.each<[string, { path: string; method?: string; want: { status: number; type?: RegExp; body?: string } }]>([
    ['the page at /', { path: '/', want: { status: 200, type: /^text\/html/, body: INDEX } }],
    ['the page by name', { path: '/index.html', want: { status: 200, type: /^text\/html/, body: INDEX } }],
    ['the JSON spec', { path: '/openapi.json', want: { status: 200, type: /^application\/json/, body: SPEC_JSON } }],
    ['the YAML spec', { path: '/openapi.yaml', want: { status: 200, type: /yaml/, body: SPEC_YAML } }],
    [
      'a client-side route (a reload of a Redoc page)',
      { path: '/section/authentication', want: { status: 200, type: /^text\/html/, body: INDEX } },
    ],
    ['a missing file', { path: '/openapi.yml', want: { status: 404 } }],
    ['a write', { path: '/index.html', method: 'POST', want: { status: 405 } }],
    ['a delete', { path: '/openapi.json', method: 'DELETE', want: { status: 405 } }],
  ])('answers %s', async (_, { path, method, want }) => {
    const response = await get(server.url, path, method);
    expect(response.status).toBe(want.status);
    if (want.type) expect(response.headers['content-type']).toMatch(want.type);
    if (want.body !== undefined) expect(response.body).toBe(want.body);
    if (want.status === 405) expect(response.headers.allow).toBe('GET, HEAD');
  });

  it.each([['/../{secret}'], ['/..%2f{secret}'], ['/%2e%2e/{secret}'], ['/openapi.json/../../{secret}']])(
    'never serves a file out of the root: %s',
    async (template) => {
      const response = await get(server.url, template.replace('{secret}', secretName));
      expect(response.body).not.toContain('beside the root');
      // Either not found, or (no extension after decoding) the page itself.
      if (response.status !== 404) expect([response.status, response.body]).toEqual([200, INDEX]);
    },
  );

  it('answers HEAD with the headers only', async () => {
    const response = await get(server.url, '/openapi.json', 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers['content-length']).toBe(String(SPEC_JSON.length));
    expect(response.body).toBe('');
  });

  it('serves a rebuilt file without a restart', async () => {
    writeFileSync(join(root, 'openapi.yaml'), 'openapi: 3.1.1\n');
    expect((await get(server.url, '/openapi.yaml')).body).toBe('openapi: 3.1.1\n');
    writeFileSync(join(root, 'openapi.yaml'), SPEC_YAML);
  });
});

describe('close()', () => {
  it('stops listening', async () => {
    const server = await startDocsServer({ port: 0, root: tmpdir() });
    await server.close();
    await expect(get(server.url, '/')).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('reports a port in use', async () => {
    const first = await startDocsServer({ port: 0 });
    try {
      const port = Number(new URL(first.url).port);
      await expect(startDocsServer({ port })).rejects.toMatchObject({ code: 'EADDRINUSE' });
    } finally {
      await first.close();
    }
  });
});
