// 7. This build against another (`--only compare --compare-with <cli.js>`): the mock gateway's CPU
// per accepted hangup, webhooks delivered, beside the same from another checkout's build — how
// a change is judged when one run of the throughput section cannot resolve 10% (on a shared
// machine, the same build measured twice differs by that much). Both mocks run side by side,
// each delivering to its own sink; the load alternates between them in short runs, the order
// turning every round, so the machine's drift falls on both; each round gives a paired ratio,
// and the median of those is the figure. A diagnostic: it has no target.
import { hangups } from './mock-in-suites.mjs';
import { startSink } from './mock-throughput.mjs';
import { freePort, MOCK_CLI, startProcess } from './processes.mjs';
import { table } from './table.mjs';
import { median } from './statistics.mjs';

/** `otherCli`: another build's `apps/mock-gateway/dist/cli.js`. */
export async function measureBuildComparison({ otherCli, rounds = 15, durationS = 2, log }) {
  const sinks = [];
  const mocks = [];
  const start = async (name, cli) => {
    const sink = await startSink();
    sinks.push(sink);
    const port = await freePort();
    const mock = await startProcess(
      name,
      process.execPath,
      [cli, '--port', String(port), '--quiet', '--webhook-url', sink.url],
      port,
      {
        readyLine: /listening on/,
      },
    );
    mocks.push({ name, mock, cpuUs: [], reqPerS: [] });
  };
  try {
    await start('this build', MOCK_CLI);
    await start('the other build', otherCli);
    for (const { mock } of mocks) await hangups(mock, durationS); // warm up (the JIT)
    const paired = [];
    for (let round = 0; round < rounds; round++) {
      for (const entry of round % 2 === 0 ? mocks : [...mocks].reverse()) {
        const { reqPerS, cpuUsPerRequest } = await hangups(entry.mock, durationS);
        entry.cpuUs.push(cpuUsPerRequest);
        entry.reqPerS.push(reqPerS);
      }
      const [self, other] = mocks;
      paired.push(self.cpuUs.at(-1) / other.cpuUs.at(-1));
      log(
        `  round ${round + 1}: this build ${Math.round(self.cpuUs.at(-1))} µs, the other ${Math.round(other.cpuUs.at(-1))} µs CPU/request (${paired.at(-1).toFixed(3)}×)`,
      );
    }
    return {
      otherCli,
      rounds,
      durationS,
      builds: mocks.map(({ name, cpuUs, reqPerS }) => ({
        name,
        cpuUsPerRequest: Math.round(median(cpuUs)),
        reqPerS: Math.round(median(reqPerS)),
      })),
      pairedCpuRatio: Number(median(paired).toFixed(3)),
    };
  } finally {
    for (const { mock } of mocks) await mock.stop();
    for (const sink of sinks) await sink.stopAndCount();
  }
}

export function buildComparisonTable({ otherCli, rounds, durationS, builds, pairedCpuRatio }) {
  return table(
    `7. This build against ${otherCli} (hangups at c=10, webhooks delivered; ${rounds} rounds of ${durationS} s, medians)`,
    ['build', 'CPU per request', 'req/s', 'CPU, paired per round'],
    builds.map(({ name, cpuUsPerRequest, reqPerS }, i) => ({
      build: name,
      'CPU per request': `${cpuUsPerRequest} µs`,
      'req/s': reqPerS,
      'CPU, paired per round': i === 0 ? `${pairedCpuRatio.toFixed(2)}× the other` : '',
    })),
  );
}
