// 1. Mock gateway throughput and latency, side by side with its baselines: `prism mock` as
// shipped and at its fastest (`-v silent`), and a bare node:http server (the ceiling). Valid
// hangups on fresh sessions, and invalid ones; autocannon, 10 and 50 connections.
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { bundledSpecJsonPath } from '@call-control/spec';
import { freePort, startProcess } from './processes.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const MOCK_CLI = here('../../apps/mock-gateway/dist/cli.js');
const PRISM = here('../node_modules/.bin/prism');

const HEADERS = { 'content-type': 'application/json', 'x-app-id': 'bench-app', 'x-api-key': 'bench-key' };
const KINDS = {
  hangup: { valid: '{"cause":"USER_BUSY"}', invalid: '{"cause":"user_busy"}' }, // breaks ^[A-Z_]+$: 422
  answer: { valid: '{}', invalid: '{"cause":"USER_BUSY"}' }, // answer takes no cause: 422
};

export const SERVERS = {
  'mock gateway': (port, sinkUrl) => startProcess('mock gateway', process.execPath, [MOCK_CLI, '--port', String(port), '--quiet', '--webhook-url', sinkUrl], port),
  // Diagnostic: the same without sending webhooks — what our layer costs over Prism's engine.
  'mock gateway, webhooks off': (port) => startProcess('mock gateway, webhooks off', process.execPath, [MOCK_CLI, '--port', String(port), '--quiet'], port),
  'prism mock': (port) => startProcess('prism mock', PRISM, ['mock', bundledSpecJsonPath, '-h', '127.0.0.1', '-p', String(port)], port),
  'prism mock -v silent': (port) => startProcess('prism mock -v silent', PRISM, ['mock', bundledSpecJsonPath, '-h', '127.0.0.1', '-p', String(port), '-v', 'silent'], port),
  'bare node:http': (port) => startProcess('bare node:http', process.execPath, [here('./bare-server.mjs'), String(port)], port),
};

async function load(url, { connections, durationS, body, command }) {
  const result = await autocannon({
    url,
    connections,
    duration: durationS,
    requests: [
      {
        method: 'POST',
        headers: HEADERS,
        body,
        // A fresh session per request: the gateway's state machine would 409 a repeat.
        setupRequest(request) {
          request.path = `/api/v1/sessions/${randomUUID()}/commands/${command}`;
          return request;
        },
      },
    ],
  });
  return {
    reqPerS: Math.round(result.requests.average),
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    statuses: { '2xx': result['2xx'], '4xx': result['4xx'], '5xx': result['5xx'] },
    errors: result.errors + result.timeouts,
  };
}

export async function measureThroughput({ durationS, connections = [10, 50], command = 'hangup', sinkUrl, log }) {
  const kinds = KINDS[command];
  const results = [];
  for (const [name, start] of Object.entries(SERVERS)) {
    const port = await freePort();
    const server = await start(port, sinkUrl);
    try {
      await load(server.url, { connections: 10, durationS: 1, body: kinds.valid, command }); // warm up
      for (const c of connections) {
        for (const [kind, body] of Object.entries(kinds)) {
          const measured = await load(server.url, { connections: c, durationS, body, command });
          log(`  ${name}, c=${c}, ${kind}: ${measured.reqPerS} req/s, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms`);
          results.push({ server: name, connections: c, kind, ...measured });
        }
      }
    } finally {
      await server.stop();
    }
  }
  return results;
}
