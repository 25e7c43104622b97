// The first checks: a Host of this mock, and a request no page of another site sent; each
// refusal the catalogue's 403 problem, naming what to change.
import type { IncomingMessage } from 'node:http';
import { expect, it } from 'vitest';
import { createHostAllowlist } from '../../src/http/host-allowlist.js';
import { createLocalOnlyChecks } from '../../src/http/local-only.js';
import { createProblems, MOCK_PROBLEMS } from '../../src/common/problems.js';
import { loadSpecModel } from '../../src/common/spec-model.js';

const model = loadSpecModel();
const checks = createLocalOnlyChecks(
  createHostAllowlist({ host: '127.0.0.1', allowedHosts: [], corsOrigins: ['https://docs.example.com'] }),
  createProblems(model),
);
/** Both checks, in the order the gateway runs them (CORS preflights answered between them). */
const check = (req: IncomingMessage, instance: string) => checks.host(req, instance) ?? checks.crossSite(req, instance);
const request = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;

it.each([
  ['a local page', { host: 'localhost:4010', origin: 'http://localhost:3000', 'sec-fetch-site': 'same-site' }],
  [
    'a page named with --cors-origin, from another site',
    { host: '127.0.0.1:4010', origin: 'https://docs.example.com', 'sec-fetch-site': 'cross-site' },
  ],
])('lets %s through', (_name, headers) => {
  expect(check(request(headers), '/__mock/')).toBeUndefined();
});

it.each([
  [
    'a Host of another name',
    { host: 'rebound.example:4010' },
    'mock-host-not-allowed',
    /--allowed-hosts "rebound\.example"/,
  ],
  [
    'a Host of another name, even from a local page',
    { host: 'rebound.example', origin: 'http://localhost' },
    'mock-host-not-allowed',
    /--allowed-hosts/,
  ],
  ['a page of another site', { host: 'localhost', 'sec-fetch-site': 'cross-site' }, 'mock-cross-site', /cross-site/],
  [
    'an Origin of another site',
    { host: 'localhost', origin: 'https://evil.example' },
    'mock-cross-site',
    /--allowed-hosts/,
  ],
] as const)('refuses %s: 403 %s', (_name, headers, slug, detail) => {
  const refused = check(request(headers), '/api/v1/x');
  expect(refused).toBeDefined();
  const body = JSON.parse(refused!.body!);
  expect([refused!.status, refused!.headers['content-type'], body.type, body.title, body.instance]).toEqual([
    403,
    'application/problem+json',
    `${model.problemTypeBase}${slug}`,
    MOCK_PROBLEMS[slug].title,
    '/api/v1/x',
  ]);
  expect(body.detail).toMatch(detail);
});
