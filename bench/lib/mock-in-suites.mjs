// 6. The mock in test suites: what an app's suite pays for starting a mock per file, reading
// the journal a page at a time, and resetting between tests. Measured in a child process run
// with --expose-gc (mock-in-suites-run.mjs), so the heap after a reset is read after full
// collections; each figure beside its baseline from the same run, with its target.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { freshHangupPath, HANGUP_BODY, HANGUP_HEADERS } from './hangup-request.mjs';
import { cpuSeconds, freePort, MOCK_CLI, startProcess } from './processes.mjs';
import { ratio, table } from './table.mjs';
import { median } from './statistics.mjs';

const RUN = fileURLToPath(new URL('./mock-in-suites-run.mjs', import.meta.url));
/**
 * Hangups on fresh sessions for `durationS` at 10 connections to a server's process: requests per
 * second, and the CPU time the process spent per request (from /proc, in µs).
 */
export async function hangups({ url, pid }, durationS) {
  const before = cpuSeconds(pid);
  const result = await autocannon({
    url,
    connections: 10,
    duration: durationS,
    requests: [
      {
        method: 'POST',
        headers: HANGUP_HEADERS,
        body: HANGUP_BODY,
        setupRequest: (request) => ({ ...request, path: freshHangupPath() }),
      },
    ],
  });
  return {
    reqPerS: result.requests.average,
    cpuUsPerRequest: ((cpuSeconds(pid) - before) * 1e6) / result.requests.total,
  };
}

/**
 * The request journal's cost: the same mock with it on (the default) and `--request-journal off`,
 * runs interleaved (on, off, on, off, …) so that a machine whose load changes meanwhile weighs
 * on both alike; the median of each. Besides requests per second, the CPU time the mock's process
 * spent per request (from /proc): on a busy machine the wall clock says more about the other
 * processes than about the mock, its CPU time per request does not — and a single-threaded
 * server's ceiling is one over it. Without a webhook URL, so the journal's share is the larger.
 */
export async function measureJournalCost({ rounds = 7, durationS = 3, log }) {
  const start = async (extra) => {
    const port = await freePort();
    return startProcess(
      'mock gateway',
      process.execPath,
      [MOCK_CLI, '--port', String(port), '--quiet', ...extra],
      port,
      {
        readyLine: /listening on/,
      },
    );
  };
  const servers = { on: await start([]), off: await start(['--request-journal', 'off']) };
  const runs = { on: [], off: [] };
  const cpuUs = { on: [], off: [] };
  try {
    for (const server of Object.values(servers)) await hangups(server, durationS); // warm up (the JIT)
    for (let round = 0; round < rounds; round++) {
      for (const name of ['on', 'off']) {
        const { reqPerS, cpuUsPerRequest } = await hangups(servers[name], durationS);
        runs[name].push(reqPerS);
        cpuUs[name].push(cpuUsPerRequest);
      }
      const said = (name) => `${Math.round(runs[name].at(-1))} req/s, ${Math.round(cpuUs[name].at(-1))} µs CPU/request`;
      log(`  journal cost, round ${round + 1}: on ${said('on')}; off ${said('off')}`);
    }
  } finally {
    for (const server of Object.values(servers)) await server.stop();
  }
  return {
    onReqPerS: Math.round(median(runs.on)),
    offReqPerS: Math.round(median(runs.off)),
    onCpuUsPerRequest: Math.round(median(cpuUs.on)),
    offCpuUsPerRequest: Math.round(median(cpuUs.off)),
    rounds,
    durationS,
  };
}

export async function measureMockInSuites({ log }) {
  const child = spawn(process.execPath, ['--expose-gc', RUN], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => log(String(chunk).trimEnd()));
  const code = await new Promise((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`mock-in-suites-run.mjs exited ${code}:\n${output}`);
  return JSON.parse(output.trim().split('\n').at(-1));
}

const ms = (value) => `${value.toFixed(2)} ms`;
const mb = (bytes) => `${(bytes / 2 ** 20).toFixed(1)} MB`;

export function mockInSuitesTable({ startUp, small, large, journalCost }) {
  const rows = [];
  const check = (target, figure, baseline, met) =>
    rows.push({ target, figure, baseline, verdict: met ? 'met' : 'MISSED' });
  check(
    'startMockGateway → first answer, in-process, after the first: p50 ≤ 10 ms',
    ms(startUp.p50Ms),
    `${ms(startUp.coldMs)} the first; bare node:http ${ms(startUp.bareP50Ms)}`,
    startUp.p50Ms <= 10,
  );
  check(
    'filtered page of 100 from 100,000 requests: p50 ≤ 2 ms',
    ms(large.pageP50Ms),
    `${ms(small.pageP50Ms)} from 1,000; the first read ${ms(large.firstPageMs)} (its index catches up)`,
    large.pageP50Ms <= 2,
  );
  check(
    'the same page, 100,000 vs 1,000 entries: ≤ 2×',
    ratio(large.pageP50Ms, small.pageP50Ms),
    '',
    large.pageP50Ms <= 2 * small.pageP50Ms,
  );
  const { dropped } = large;
  check(
    `reset() of ${dropped.sessions} sessions, ${dropped.requests} requests, ${dropped.deliveries} deliveries: ≤ 50 ms`,
    ms(large.resetMs),
    '',
    large.resetMs <= 50,
  );
  check(
    'heap after reset, full GC: within 10% of a fresh mock',
    `${mb(large.afterResetHeap)} (${ratio(large.afterResetHeap, large.freshHeap)})`,
    `${mb(large.freshHeap)} fresh; ${mb(large.fullHeap)} full`,
    large.afterResetHeap <= 1.1 * large.freshHeap,
  );
  if (journalCost)
    check(
      `request journal on, c=10, ${journalCost.rounds} interleaved rounds: ≥ 0.9× off`,
      `${journalCost.onReqPerS} req/s (${ratio(journalCost.onReqPerS, journalCost.offReqPerS)})`,
      `${journalCost.offReqPerS} req/s off`,
      journalCost.onReqPerS >= 0.9 * journalCost.offReqPerS,
    );
  if (journalCost)
    check(
      'request journal on: CPU per request ≤ 1.1× off (the ceiling ≥ 0.9×)',
      `${journalCost.onCpuUsPerRequest} µs (${ratio(journalCost.onCpuUsPerRequest, journalCost.offCpuUsPerRequest)})`,
      `${journalCost.offCpuUsPerRequest} µs off`,
      journalCost.onCpuUsPerRequest <= 1.1 * journalCost.offCpuUsPerRequest,
    );
  return table(
    '6. The mock in test suites (in-process; every figure from this run)',
    ['target', 'figure', 'baseline', 'verdict'],
    rows,
  );
}
