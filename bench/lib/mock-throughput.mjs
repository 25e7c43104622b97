// 1. Mock gateway throughput and latency, side by side with its baselines: `prism mock` as
// shipped and at its fastest (`-v silent`), and a bare node:http server (the ceiling). Valid
// hangups on fresh sessions, and invalid ones; autocannon, 10 and 50 connections. The mock
// sends every accepted hangup's two webhooks to a sink of its own, and the sink's count after
// the mock has drained says whether any was lost. Each server's RSS is read after its runs.
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
/** Webhooks each accepted command sends (its x-webhooks-triggered entries). */
const WEBHOOKS_PER_COMMAND = { hangup: 2, answer: 2 };

/** Each server to measure: how to start it, and whether it sends webhooks to a sink. */
const SERVERS = {
  'mock gateway': {
    sink: true,
    start: (port, sinkUrl) =>
      startProcess(
        'mock gateway',
        process.execPath,
        [MOCK_CLI, '--port', String(port), '--quiet', '--webhook-url', sinkUrl],
        port,
        { readyLine: /listening on/ },
      ),
  },
  // The baseline of the request journal's cost: the same, recording no request.
  'mock gateway, request journal off': {
    sink: true,
    start: (port, sinkUrl) =>
      startProcess(
        'mock gateway, request journal off',
        process.execPath,
        [MOCK_CLI, '--port', String(port), '--quiet', '--webhook-url', sinkUrl, '--request-journal', 'off'],
        port,
        { readyLine: /listening on/ },
      ),
  },
  // Diagnostic: the same without sending webhooks — what our layer costs without delivery.
  'mock gateway, webhooks off': {
    start: (port) =>
      startProcess(
        'mock gateway, webhooks off',
        process.execPath,
        [MOCK_CLI, '--port', String(port), '--quiet'],
        port,
        { readyLine: /listening on/ },
      ),
  },
  'prism mock': {
    start: (port) =>
      startProcess('prism mock', PRISM, ['mock', bundledSpecJsonPath, '-h', '127.0.0.1', '-p', String(port)], port, {
        readyLine: /Prism is listening on/,
      }),
  },
  'prism mock -v silent': {
    start: (port) =>
      startProcess(
        'prism mock -v silent',
        PRISM,
        ['mock', bundledSpecJsonPath, '-h', '127.0.0.1', '-p', String(port), '-v', 'silent'],
        port,
      ),
  },
  'bare node:http': {
    start: (port) => startProcess('bare node:http', process.execPath, [here('./bare-server.mjs'), String(port)], port),
  },
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

/** A sink that answers 204 to every webhook and tells how many it got once stopped. */
async function startSink() {
  const port = await freePort();
  const sink = await startProcess('webhook sink', process.execPath, [here('./webhook-sink.mjs'), String(port)], port);
  return {
    url: `${sink.url}/hooks`,
    async stopAndCount() {
      await sink.stop();
      return Number(/received (\d+)/.exec(sink.output())?.[1] ?? Number.NaN);
    },
  };
}

/** One server through its runs; returns its rows, its RSS after them, and (mock) the webhook count. */
async function measureServer(name, { start, sink: withSink }, { durationS, connections, command, log }) {
  const sink = withSink ? await startSink() : undefined;
  const server = await start(await freePort(), sink?.url);
  const rows = [];
  let rssBytes;
  try {
    const kinds = KINDS[command];
    await load(server.url, { connections: 10, durationS: 1, body: kinds.valid, command }); // warm up
    for (const c of connections) {
      for (const [kind, body] of Object.entries(kinds)) {
        const measured = await load(server.url, { connections: c, durationS, body, command });
        log(
          `  ${name}, c=${c}, ${kind}: ${measured.reqPerS} req/s, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms`,
        );
        rows.push({ server: name, connections: c, kind, ...measured });
      }
    }
    rssBytes = server.rssBytes();
  } finally {
    await server.stop(); // SIGTERM: the mock drains its deliveries first
  }
  // The mock says, as it stops, how many commands it accepted (autocannon misses the ones still
  // in flight when a run ends): each accepted hangup owes the sink its two webhooks.
  const accepted = Number(/stopped: (\d+) commands? accepted/.exec(server.output())?.[1] ?? Number.NaN);
  const webhooks = sink
    ? { accepted, expected: accepted * WEBHOOKS_PER_COMMAND[command], received: await sink.stopAndCount() }
    : undefined;
  if (webhooks)
    log(`  ${name}: ${accepted} commands accepted, ${webhooks.received} of ${webhooks.expected} webhooks at the sink`);
  return { rows, rssBytes, webhooks };
}

export async function measureThroughput({ durationS, connections = [10, 50], command = 'hangup', log }) {
  const results = { rows: [], rssBytes: {}, webhooks: undefined };
  for (const [name, server] of Object.entries(SERVERS)) {
    const measured = await measureServer(name, server, { durationS, connections, command, log });
    results.rows.push(...measured.rows);
    results.rssBytes[name] = measured.rssBytes;
    if (measured.webhooks && name === 'mock gateway') results.webhooks = measured.webhooks;
  }
  return results;
}

/** Spawn → ready line, `runs` times each, for the mock and `prism mock`; the median of each. */
export async function measureStartUp({ runs = 5, log }) {
  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  const times = { 'mock gateway': [], 'prism mock': [] };
  for (let run = 0; run < runs; run++) {
    for (const name of Object.keys(times)) {
      const server = await SERVERS[name].start(await freePort(), 'http://127.0.0.1:9/hooks'); // no command is sent: nothing goes there
      times[name].push(server.startUpMs);
      await server.stop();
    }
  }
  const result = Object.fromEntries(
    Object.entries(times).map(([name, values]) => [
      name,
      { medianMs: Math.round(median(values)), runsMs: values.map(Math.round) },
    ]),
  );
  for (const [name, { medianMs, runsMs }] of Object.entries(result))
    log(`  ${name}: median ${medianMs} ms (${runsMs.join(', ')})`);
  return result;
}
