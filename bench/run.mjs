// `pnpm bench`: every figure measured in this one run, side by side with its baseline, as a
// ratio and an absolute; a table on the terminal and bench/results/latest.json.
//   --only throughput,client,dispatch,loop,sizes,suites   (default: all)
//   --duration 10    throughput: seconds per configuration and server, over --rounds 5 interleaved rounds
//   --calls 20000    client calls per variant
//   --rate 200       commands/s for dispatch latency --skip-tests    no `pnpm test` in the loop
//   --command hangup the command the throughput runs send (hangup | answer)
//   --connections 10,50  autocannon connections per throughput run
//   --only compare --compare-with <cli.js>   this build's mock against another checkout's
//                    (its apps/mock-gateway/dist/cli.js): CPU per request, paired rounds
//   --only instructions --compare-with <cli.js>   the same two builds in instructions per
//                    request, counted by valgrind's callgrind (needs valgrind)
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { buildComparisonTable, measureBuildComparison } from './lib/build-comparison.mjs';
import { measureClientLayer, measureClientOverhead } from './lib/client-overhead.mjs';
import { measureDeveloperLoop } from './lib/developer-loop.mjs';
import { measureDispatchLatency } from './lib/dispatch-latency.mjs';
import {
  instructionCountTable,
  instructionCountUnavailable,
  measureInstructionCount,
} from './lib/instruction-count.mjs';
import { measureStartUp, measureThroughput } from './lib/mock-throughput.mjs';
import { targetsTable, throughputTable } from './lib/throughput-report.mjs';
import { measureJournalCost, measureMockInSuites, mockInSuitesTable } from './lib/mock-in-suites.mjs';
import { measureSizes } from './lib/sizes.mjs';
import { ratio, table } from './lib/table.mjs';

const SECTIONS = ['loop', 'throughput', 'client', 'dispatch', 'sizes', 'suites'];
// Run only when asked for by name: they need another build to measure against.
const ON_REQUEST = ['compare', 'instructions'];
let options;
try {
  ({ values: options } = parseArgs({
    // `pnpm x -- --flag` passes the `--` along: it separates nothing here.
    args: process.argv.slice(2).filter((arg, i) => !(i === 0 && arg === '--')),
    options: {
      only: { type: 'string', default: SECTIONS.join(',') },
      duration: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '5' },
      calls: { type: 'string', default: '20000' },
      rate: { type: 'string', default: '200' },
      'skip-tests': { type: 'boolean', default: false },
      command: { type: 'string', default: 'hangup' },
      connections: { type: 'string', default: '10,50' },
      'compare-with': { type: 'string' },
    },
    strict: true,
  }));
  for (const section of options.only.split(',')) {
    if (!SECTIONS.includes(section) && !ON_REQUEST.includes(section))
      throw new Error(`--only: unknown section "${section}"; use ${[...SECTIONS, ...ON_REQUEST].join(', ')}`);
  }
  const comparing = options.only.split(',').some((section) => ON_REQUEST.includes(section));
  if (comparing && options['compare-with'] === undefined)
    throw new Error(
      `--only ${ON_REQUEST.join('/')} needs --compare-with <another build of apps/mock-gateway/dist/cli.js>`,
    );
  if (!comparing && options['compare-with'] !== undefined)
    throw new Error(`--compare-with goes with --only ${ON_REQUEST.join(' or ')}`);
  if (comparing && !existsSync(options['compare-with']))
    throw new Error(`--compare-with: no such file "${options['compare-with']}"`);
  const unavailable = options.only.split(',').includes('instructions') ? instructionCountUnavailable() : undefined;
  if (unavailable !== undefined) throw new Error(unavailable);
  if (!['hangup', 'answer'].includes(options.command))
    throw new Error(`--command must be hangup or answer, not "${options.command}"`);
  if (!/^\d+(,\d+)*$/.test(options.connections))
    throw new Error(`--connections must be a comma-separated list of numbers, not "${options.connections}"`);
  for (const flag of ['duration', 'rounds', 'calls', 'rate']) {
    if (!/^\d+$/.test(options[flag]) || Number(options[flag]) === 0)
      throw new Error(`--${flag} must be a positive integer, not "${options[flag]}"`);
  }
} catch (error) {
  console.error(`bench: ${error.message}`);
  process.exit(2);
}
const only = new Set(options.only.split(','));
const log = (line) => console.log(line);

const machine = {
  cores: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  date: new Date().toISOString(),
};
console.log(`Call Control benchmarks — ${machine.cores} cores (${machine.cpu}), Node ${machine.node}, ${machine.date}`);
const results = {
  machine,
  settings: {
    durationS: Number(options.duration),
    rounds: Number(options.rounds),
    calls: Number(options.calls),
    ratePerS: Number(options.rate),
  },
};
const output = [];

// The loop first: it cleans and rebuilds everything the other sections run.
if (only.has('loop')) {
  log('\n4. Developer loop');
  results.developerLoop = measureDeveloperLoop({ log, withTests: !options['skip-tests'] });
  const loop = results.developerLoop;
  output.push(
    table(
      '4. Developer loop (target: warm build ≤ 3 s)',
      ['step', 'seconds', 'note'],
      [
        { step: 'cold pnpm build (after a clean)', seconds: loop.coldBuildS },
        {
          step: 'warm pnpm build',
          seconds: loop.warmBuildS,
          note: `${loop.warmBuildFromCache ? 'FULL TURBO' : 'not from cache'}; ${loop.warmBuildS <= 3 ? 'target met' : 'TARGET MISSED'}`,
        },
        { step: 'docs build (forced)', seconds: loop.docsBuildS },
        ...(loop.testS === undefined ? [] : [{ step: 'pnpm test', seconds: loop.testS, note: loop.testSummary }]),
      ],
    ),
  );
}

if (only.has('throughput')) {
  log(`\n1. Mock gateway throughput (${options.duration} s per figure, over ${options.rounds} interleaved rounds)`);
  const measured = await measureThroughput({
    durationS: Number(options.duration),
    rounds: Number(options.rounds),
    connections: options.connections.split(',').map(Number),
    command: options.command,
    log,
  });
  results.throughput = measured.rows;
  results.rssBytes = measured.rssBytes;
  results.webhooks = measured.webhooks;
  log('\n1b. Start-up, spawn → "listening on" (median of 5)');
  results.startUp = await measureStartUp({ runs: 5, log });
  output.push(throughputTable(results, options));
  output.push(targetsTable(results));
}

if (only.has('client')) {
  log(`\n2. Client overhead (${options.calls} sequential calls per variant)`);
  results.clientOverhead = await measureClientOverhead({ calls: Number(options.calls), log });
  const mean = (variant) => results.clientOverhead.find((row) => row.variant === variant).meanUs;
  output.push(
    table(
      `2. Client overhead against the bare server (${options.calls} calls per variant, median of 20 interleaved rounds; target: our client ≤ 1.05× openapi-fetch)`,
      ['variant', 'µs per call', 'vs raw fetch', 'vs openapi-fetch', 'vs openapi-fetch + timeout'],
      results.clientOverhead.map(({ variant, meanUs }) => ({
        variant,
        'µs per call': meanUs,
        'vs raw fetch': ratio(meanUs, mean('raw fetch')),
        'vs openapi-fetch': ratio(meanUs, mean('openapi-fetch')),
        'vs openapi-fetch + timeout': ratio(meanUs, mean('openapi-fetch + timeout')),
      })),
    ),
  );
  log('  in memory (a fetch that answers at once):');
  results.clientLayer = await measureClientLayer({ calls: Number(options.calls), log });
  const layerMean = (variant) => results.clientLayer.find((row) => row.variant === variant).meanUs;
  output.push(
    table(
      '2b. What our layer costs, over an in-memory fetch (same calls and rounds)',
      ['variant', 'µs per call', 'vs openapi-fetch', 'vs openapi-fetch + timeout + command_uid'],
      results.clientLayer.map(({ variant, meanUs }) => ({
        variant,
        'µs per call': meanUs,
        'vs openapi-fetch': ratio(meanUs, layerMean('openapi-fetch')),
        'vs openapi-fetch + timeout + command_uid': ratio(meanUs, layerMean('openapi-fetch + timeout + command_uid')),
      })),
    ),
  );
}

if (only.has('dispatch')) {
  log(`\n3. Webhook dispatch latency (${options.rate} commands/s for ${options.duration} s)`);
  results.dispatchLatency = await measureDispatchLatency({
    ratePerS: Number(options.rate),
    durationS: Number(options.duration),
    log,
  });
  const d = results.dispatchLatency;
  output.push(
    table(
      '3. Webhook dispatch latency, 202 → command.result at the receiver (target: p99 ≤ 50 ms)',
      ['commands', 'results', 'p50 ms', 'p99 ms', 'max ms', 'before the 202'],
      [
        {
          commands: d.commands,
          results: d.resultsReceived,
          'p50 ms': d.p50Ms,
          'p99 ms': d.p99Ms,
          'max ms': d.maxMs,
          'before the 202': d.beforeThe202,
        },
      ],
    ),
  );
}

if (only.has('sizes')) {
  log('\n5. Sizes');
  results.sizes = measureSizes({ log });
  const s = results.sizes;
  output.push(
    table(
      '5. Sizes',
      ['artifact', 'bytes', 'min+gzip / gzip', 'vs openapi-fetch'],
      [
        {
          artifact: '@call-control/client (bundled, minified)',
          bytes: s.client.minified,
          'min+gzip / gzip': s.client.gzip,
          'vs openapi-fetch': ratio(s.client.gzip, s.openapiFetch.gzip),
        },
        {
          artifact: 'openapi-fetch createClient alone',
          bytes: s.openapiFetch.minified,
          'min+gzip / gzip': s.openapiFetch.gzip,
        },
        {
          artifact: 'docs page (apps/docs/dist/index.html)',
          bytes: s.docsPage.bytes,
          'min+gzip / gzip': s.docsPage.gzip,
        },
      ],
    ),
  );
}

if (only.has('suites')) {
  log('\n6. The mock in test suites (start-up, journal pages, reset)');
  results.mockInSuites = await measureMockInSuites({ log });
  results.mockInSuites.journalCost = await measureJournalCost({ log });
  output.push(mockInSuitesTable(results.mockInSuites));
}

if (only.has('compare')) {
  log(`\n7. This build against ${options['compare-with']}`);
  results.buildComparison = await measureBuildComparison({
    otherCli: options['compare-with'],
    rounds: Number(options.rounds) * 3,
    log,
  });
  output.push(buildComparisonTable(results.buildComparison));
}

if (only.has('instructions')) {
  log(`\n8. This build against ${options['compare-with']}, in instructions (callgrind; a few minutes)`);
  results.instructionCount = await measureInstructionCount({ otherCli: options['compare-with'], log });
  output.push(instructionCountTable(results.instructionCount));
}

console.log(
  `\n${'='.repeat(100)}\nCall Control benchmarks — ${machine.cores} cores (${machine.cpu}), Node ${machine.node}`,
);
console.log(output.join('\n'));
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.json', import.meta.url), `${JSON.stringify(results, null, 2)}\n`);
console.log('\nwritten: bench/results/latest.json');
