// 1. Mock gateway throughput and latency, side by side with its baselines: `prism mock` as
// shipped and at its fastest (`-v silent`), and a bare node:http server (the ceiling). Valid
// hangups on fresh sessions, and invalid ones; autocannon, 10 and 50 connections. The mock
// sends every accepted hangup's two webhooks to a sink of its own, and the sink's count after
// the mock has drained says whether any was lost. Each server's RSS is read after its runs;
// the servers run side by side, interleaved round by round (see measureThroughput).
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { bundledSpecJsonPath } from '@call-control/spec';
import { HANGUP_HEADERS } from './hangup-request.mjs';
import { freePort, MOCK_CLI, startProcess } from './processes.mjs';
import { median } from './statistics.mjs';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const PRISM = here('../node_modules/.bin/prism');

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
        headers: HANGUP_HEADERS,
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
export async function startSink() {
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

const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One configuration's runs on one server, as one row: the median of each figure, the counts summed. */
function combine(server, connections, kind, runs) {
  const sum = (pick) => runs.reduce((total, run) => total + pick(run), 0);
  return {
    server,
    connections,
    kind,
    reqPerS: median(runs.map((run) => run.reqPerS)),
    p50Ms: median(runs.map((run) => run.p50Ms)),
    p99Ms: median(runs.map((run) => run.p99Ms)),
    statuses: {
      '2xx': sum((run) => run.statuses['2xx']),
      '4xx': sum((run) => run.statuses['4xx']),
      '5xx': sum((run) => run.statuses['5xx']),
    },
    errors: sum((run) => run.errors),
    runsReqPerS: runs.map((run) => run.reqPerS),
  };
}

/**
 * Every server, measured side by side. All of them run from the start, and each configuration
 * (connections × valid/invalid) is measured in `rounds` rounds, each server once per round, in
 * an order that turns every round; each figure is the median of its rounds. A shared machine's
 * speed drifts over the minutes of a run: measured one after another, a server that ran in a
 * slow minute would lose to its baseline for that alone; interleaved, the drift falls on every
 * server alike and the ratios hold.
 */
export async function measureThroughput({ durationS, connections = [10, 50], command = 'hangup', rounds = 5, log }) {
  const kinds = KINDS[command];
  const running = [];
  const sinks = [];
  let measured = false;
  const results = { rows: [], rssBytes: {}, webhooks: undefined };
  try {
    for (const [name, { start, sink: withSink }] of Object.entries(SERVERS)) {
      const sink = withSink ? await startSink() : undefined;
      if (sink) sinks.push(sink);
      running.push({ name, sink, server: await start(await freePort(), sink?.url) });
    }
    for (const { server } of running)
      await load(server.url, { connections: 10, durationS: 1, body: kinds.valid, command }); // warm up
    // `durationS` per configuration and server, shared out over the rounds.
    const runS = Math.max(1, Math.ceil(durationS / rounds));
    for (const c of connections) {
      for (const [kind, body] of Object.entries(kinds)) {
        const runs = new Map(running.map(({ name }) => [name, []]));
        for (let round = 0; round < rounds; round++) {
          for (let turn = 0; turn < running.length; turn++) {
            const { name, server } = running[(turn + round) % running.length];
            const measured = await load(server.url, { connections: c, durationS: runS, body, command });
            runs.get(name).push(measured);
            log(
              `  ${name}, c=${c}, ${kind}, round ${round + 1}: ${measured.reqPerS} req/s, p50 ${measured.p50Ms} ms, p99 ${measured.p99Ms} ms`,
            );
            await pause(250); // the mock's last webhooks leave before the next server's run
          }
        }
        for (const { name } of running) results.rows.push(combine(name, c, kind, runs.get(name)));
      }
    }
    for (const { name, server } of running) results.rssBytes[name] = server.rssBytes();
    measured = true;
  } finally {
    for (const { server } of running) await server.stop(); // SIGTERM: the mock drains its deliveries first
    // A run that failed leaves no sink behind either (a finished one counts them below).
    if (!measured) for (const sink of sinks) await sink.stopAndCount().catch(() => {});
  }
  for (const { name, server, sink } of running) {
    if (sink === undefined) continue;
    // The mock says, as it stops, how many commands it accepted (autocannon misses the ones still
    // in flight when a run ends): each accepted hangup owes the sink its two webhooks.
    const accepted = Number(/stopped: (\d+) commands? accepted/.exec(server.output())?.[1] ?? Number.NaN);
    const webhooks = {
      accepted,
      expected: accepted * WEBHOOKS_PER_COMMAND[command],
      received: await sink.stopAndCount(),
    };
    log(`  ${name}: ${accepted} commands accepted, ${webhooks.received} of ${webhooks.expected} webhooks at the sink`);
    if (name === 'mock gateway') results.webhooks = webhooks;
  }
  return results;
}

/** Spawn → ready line, `runs` times each, for the mock and `prism mock`; the median of each. */
export async function measureStartUp({ runs = 5, log }) {
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
