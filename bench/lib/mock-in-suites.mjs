// 6. The mock in test suites: what an app's suite pays for starting a mock per file, reading
// the journal a page at a time, and resetting between tests. Measured in a child process run
// with --expose-gc (mock-in-suites-run.mjs), so the heap after a reset is read after full
// collections; each figure beside its baseline from the same run, with its target.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ratio, table } from './table.mjs';

const RUN = fileURLToPath(new URL('./mock-in-suites-run.mjs', import.meta.url));

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

export function mockInSuitesTable({ startUp, small, large }) {
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
    `${ms(small.pageP50Ms)} from 1,000`,
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
  return table(
    '6. The mock in test suites (in-process; every figure from this run)',
    ['target', 'figure', 'baseline', 'verdict'],
    rows,
  );
}
