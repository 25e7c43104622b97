// The mock as a test suite uses it, in-process, measured in a process of its own (run with
// --expose-gc by mock-in-suites.mjs, so the heap can be read after a full collection): start-up
// to a first served request; a filtered page of the request journal at 1,000 and at 100,000
// entries; and a reset of a full mock, with the heap after it beside a fresh mock's. Prints
// one JSON line.
import { randomUUID } from 'node:crypto';
import { createServer, request } from 'node:http';
import { Pool } from 'undici';
import { startMockGateway } from '@call-control/mock-gateway';
import { median } from './statistics.mjs';

const HEADERS = { 'content-type': 'application/json', 'x-api-key': 'bench-key' };
const PROBE_APP = 'app-probe';
const progress = (line) => process.stderr.write(`  ${line}\n`);

/** Full collections until the heap stops shrinking; its size then. */
function settledHeap() {
  let last = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    globalThis.gc();
    const used = process.memoryUsage().heapUsed;
    if (used >= last * 0.999) return used;
    last = used;
  }
  return last;
}

/**
 * One hangup on a fresh connection, with node:http (headers and body in one write: fetch's
 * first request to a new origin costs some 30 ms here whatever the server, which would hide
 * what is measured).
 */
function firstRequest(url) {
  return new Promise((resolve, reject) => {
    const headers = { ...HEADERS, 'x-app-id': 'bench-app' };
    const path = `/api/v1/sessions/${randomUUID()}/commands/hangup`;
    const req = request(`${url}${path}`, { method: 'POST', headers, agent: false }, (res) => {
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', reject);
    req.end('{"cause":"USER_BUSY"}');
  });
}

/** startMockGateway → its first answer, `runs` times; the first run is the process's first (cold). */
async function startUps(runs) {
  const times = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const gateway = await startMockGateway({ port: 0, quiet: true });
    await firstRequest(gateway.url);
    times.push(performance.now() - started);
    await gateway.close();
  }
  // The floor: a bare node:http server's listen → first answer, on the same machine and moment.
  const bare = [];
  for (let run = 0; run < runs; run++) {
    const started = performance.now();
    const server = createServer((req, res) => req.resume().on('end', () => res.writeHead(202).end('{}')));
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    await firstRequest(`http://127.0.0.1:${server.address().port}`);
    bare.push(performance.now() - started);
    await new Promise((resolve) => server.close(resolve));
  }
  return { coldMs: times[0], p50Ms: median(times.slice(1)), bareP50Ms: median(bare) };
}

/** `count` hangups on fresh sessions, 1 in `probeEvery` sent as the probe app (the filtered page's). */
async function fill(pool, count, probeEvery) {
  let sent = 0;
  const worker = async () => {
    while (sent < count) {
      const n = sent++;
      const { body } = await pool.request({
        path: `/api/v1/sessions/${randomUUID()}/commands/hangup`,
        method: 'POST',
        headers: { ...HEADERS, 'x-app-id': n % probeEvery === probeEvery - 1 ? PROBE_APP : 'bench-app' },
        body: '{"cause":"USER_BUSY"}',
      });
      await body.dump();
    }
  };
  await Promise.all(Array.from({ length: 16 }, worker));
}

/**
 * The filtered page (the probe app's 100 requests, spread over the whole journal), `reads` times:
 * p50 ms, and the first read's ms (the index it reads catches up on the whole journal first).
 */
async function pageTimes(pool, reads) {
  const times = [];
  for (let read = 0; read < reads; read++) {
    const started = performance.now();
    const { body } = await pool.request({ path: `/__mock/requests?app_id=${PROBE_APP}&limit=100`, method: 'GET' });
    const page = await body.json();
    times.push(performance.now() - started);
    if (page.requests.length !== 100) throw new Error(`the page held ${page.requests.length} requests, not 100`);
  }
  return { pageP50Ms: median(times), firstPageMs: times[0] };
}

async function journalAt(entries, reads) {
  const gateway = await startMockGateway({ port: 0, quiet: true, journalSize: entries });
  const pool = new Pool(gateway.url, { connections: 16 });
  const freshHeap = settledHeap();
  await fill(pool, entries, entries / 100);
  progress(`${entries} requests journaled`);
  const result = { entries, ...(await pageTimes(pool, reads)) };
  if (entries >= 100_000) {
    const fullHeap = settledHeap();
    // One read through the control client first: a full collection drops compiled code the mock
    // has not run lately (the first request after one recompiles its way), and Node loads its
    // fetch on the first call in a process — neither of which a suite's reset in beforeEach pays.
    await gateway.control.countRequests();
    const started = performance.now();
    const dropped = await gateway.reset();
    Object.assign(result, { resetMs: performance.now() - started, dropped, freshHeap, fullHeap });
    result.afterResetHeap = settledHeap();
  }
  await pool.close();
  await gateway.close();
  return result;
}

const startUp = await startUps(30);
progress(`start-up: p50 ${startUp.p50Ms.toFixed(1)} ms`);
const small = await journalAt(1_000, 300);
const large = await journalAt(100_000, 300);
console.log(JSON.stringify({ startUp, small, large }));
