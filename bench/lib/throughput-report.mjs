// The mock gateway's throughput table, and its targets — each figure beside its baseline from
// the same run, with "met" or "missed".
import { ratio, table } from './table.mjs';

const find = (results, server, c, kind) =>
  results.throughput.find((row) => row.server === server && row.connections === c && row.kind === kind);
const mb = (bytes) => (bytes === undefined ? 'n/a' : `${(bytes / 2 ** 20).toFixed(1)} MB`);

export function throughputTable(results, options) {
  const rows = results.throughput.map((row) => {
    const silent = find(results, 'prism mock -v silent', row.connections, row.kind);
    const shipped = find(results, 'prism mock', row.connections, row.kind);
    const bare = find(results, 'bare node:http', row.connections, row.kind);
    return {
      server: row.server,
      c: row.connections,
      requests: row.kind,
      'req/s': row.reqPerS,
      'p50 ms': row.p50Ms,
      'p99 ms': row.p99Ms,
      'vs prism -v silent': ratio(row.reqPerS, silent?.reqPerS),
      'vs prism mock': ratio(row.reqPerS, shipped?.reqPerS),
      'vs bare': ratio(row.reqPerS, bare?.reqPerS),
      // The bare server answers 202 to anything: it has no "invalid" to get right.
      'non-expected':
        row.server === 'bare node:http'
          ? 'n/a'
          : row.kind === 'valid'
            ? row.statuses['4xx'] + row.statuses['5xx'] + row.errors
            : row.statuses['2xx'] + row.statuses['5xx'] + row.errors,
      'RSS after': mb(results.rssBytes[row.server]),
    };
  });
  return table(
    `1. Mock gateway throughput and latency (autocannon, ${options.command} on fresh sessions, ${options.duration} s per figure over ${options.rounds} interleaved rounds, the median of each; the mock delivers every webhook to a local sink)`,
    Object.keys(rows[0]),
    rows,
  );
}

/** The targets of the mock's speed, each as figure, baseline, ratio and verdict. */
export function targetsTable(results) {
  const rows = [];
  const check = (target, figure, baseline, met, shown = (value) => value) =>
    rows.push({
      target,
      figure: shown(figure),
      baseline: shown(baseline),
      ratio: ratio(figure, baseline),
      verdict: met ? 'met' : 'MISSED',
    });
  const connections = [...new Set(results.throughput.map((row) => row.connections))];
  for (const c of connections) {
    const mock = find(results, 'mock gateway', c, 'valid');
    const silent = find(results, 'prism mock -v silent', c, 'valid');
    const shipped = find(results, 'prism mock', c, 'valid');
    check(
      `valid, webhooks delivered, c=${c}: ≥ 1.3× prism -v silent`,
      mock.reqPerS,
      silent.reqPerS,
      mock.reqPerS >= 1.3 * silent.reqPerS,
      (v) => `${v} req/s`,
    );
    check(
      `valid, webhooks delivered, c=${c}: ≥ 2.5× prism mock`,
      mock.reqPerS,
      shipped.reqPerS,
      mock.reqPerS >= 2.5 * shipped.reqPerS,
      (v) => `${v} req/s`,
    );
  }
  for (const c of connections) {
    const on = find(results, 'mock gateway', c, 'valid');
    const off = find(results, 'mock gateway, request journal off', c, 'valid');
    if (on && off)
      check(
        `request journal on (the default), c=${c}: ≥ 0.9× journal off`,
        on.reqPerS,
        off.reqPerS,
        on.reqPerS >= 0.9 * off.reqPerS,
        (v) => `${v} req/s`,
      );
  }
  const mock10 = find(results, 'mock gateway', 10, 'valid');
  const silent10 = find(results, 'prism mock -v silent', 10, 'valid');
  if (mock10 && silent10)
    check(
      'p99 at c=10: ≤ prism -v silent',
      mock10.p99Ms,
      silent10.p99Ms,
      mock10.p99Ms <= silent10.p99Ms,
      (v) => `${v} ms`,
    );
  for (const c of connections) {
    const off = find(results, 'mock gateway, webhooks off', c, 'valid');
    const bare = find(results, 'bare node:http', c, 'valid');
    check(
      `webhooks off, c=${c}: ≥ 0.3× bare node:http`,
      off.reqPerS,
      bare.reqPerS,
      off.reqPerS >= 0.3 * bare.reqPerS,
      (v) => `${v} req/s`,
    );
  }
  const startUp = results.startUp;
  check(
    'start-up, spawn → "listening on": ≤ 0.25× prism mock',
    startUp['mock gateway'].medianMs,
    startUp['prism mock'].medianMs,
    startUp['mock gateway'].medianMs <= 0.25 * startUp['prism mock'].medianMs,
    (v) => `${v} ms`,
  );
  const rss = results.rssBytes;
  check(
    'RSS after the run: ≤ prism mock',
    rss['mock gateway'],
    rss['prism mock'],
    rss['mock gateway'] <= rss['prism mock'],
    mb,
  );
  const { expected, received } = results.webhooks;
  rows.push({
    target: 'webhooks lost: 0 (sink count = 2 per accepted hangup)',
    figure: `${received} received`,
    baseline: `${expected} expected`,
    ratio: '',
    verdict: received === expected ? 'met' : `MISSED (${expected - received} lost)`,
  });
  return table(
    '1c. Mock gateway targets (every figure from this run)',
    ['target', 'figure', 'baseline', 'ratio', 'verdict'],
    rows,
  );
}
