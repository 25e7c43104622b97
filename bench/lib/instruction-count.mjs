// 8. This build against another, counted in instructions (`--only instructions --compare-with
// <cli.js>`): each build's mock runs under valgrind's callgrind, which counts the instructions a
// process executes — the same count for the same work whatever else the machine does, where CPU
// time on a shared two-core machine moves by 5% between two runs of one build. Per build, two
// runs: `warmUp` hangups, and `warmUp + measured`; the difference over `measured` is the
// instructions per request once warm (start-up and the first requests cancel out). Sent one at
// a time over one kept-alive connection, each with a fresh session, without a webhook URL (the
// path every command takes; `--only compare` has the builds deliver their webhooks). Split as
// callgrind_annotate names the functions: V8's garbage collector, its compilers (still tiering
// up the code of a build with more of it), and the rest — the mock's own work, its JavaScript,
// the builtins it calls and Node's HTTP. A diagnostic: it has no target.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freshHangupPath, HANGUP_BODY, HANGUP_HEADERS } from './hangup-request.mjs';
import { freePort, MOCK_CLI, startProcess } from './processes.mjs';
import { table } from './table.mjs';

/** Why the section cannot run here, or undefined when it can. */
export function instructionCountUnavailable() {
  for (const tool of ['valgrind', 'callgrind_annotate']) {
    const found = spawnSync(tool, ['--version'], { encoding: 'utf8' });
    if (found.error !== undefined) return `--only instructions needs ${tool} (Debian: apt-get install valgrind)`;
  }
  return undefined;
}

/** Which part of the process a function of callgrind_annotate's listing belongs to. */
function partOf(name) {
  if (
    /Scaveng|Marking|Sweeper|MarkCompact|v8::internal::Heap|MemoryChunk|BodyDescriptor|SizeFromMap|heap::base|Evacuat|RememberedSet|SlotSet/.test(
      name,
    )
  )
    return 'gc';
  if (/compiler::|[Mm]aglev|[Tt]urboshaft|v8::internal::Zone|Compil/.test(name)) return 'compiler';
  return 'rest';
}

/** `count` hangups, one after the other, each answered 202 (anything else stops the run). */
async function sendHangups(url, count) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  try {
    for (let i = 0; i < count; i++) {
      const status = await new Promise((resolve, reject) => {
        const req = request(`${url}${freshHangupPath()}`, { method: 'POST', agent, headers: HANGUP_HEADERS }, (res) =>
          res.resume().on('end', () => resolve(res.statusCode)),
        );
        req.on('error', reject);
        req.end(HANGUP_BODY);
      });
      if (status !== 202) throw new Error(`a hangup was answered ${status}, not 202`);
    }
  } finally {
    agent.destroy();
  }
}

/** One run of a build's mock under callgrind, `count` hangups: its instructions by part. */
async function countRun(cli, count, dir, name) {
  const port = await freePort();
  const out = join(dir, `${name}-${count}.callgrind`);
  const callgrind = ['--tool=callgrind', `--callgrind-out-file=${out}`, '--dump-instr=no'];
  const mock = await startProcess(
    `${name} under valgrind`,
    'valgrind',
    [...callgrind, process.execPath, cli, '--port', String(port), '--quiet'],
    port,
    // Valgrind takes its time to start (about 16 s here), but not forever.
    { readyLine: /listening on/, readyWithinMs: 180_000 },
  );
  try {
    await sendHangups(mock.url, count);
  } finally {
    await mock.stop(120_000); // callgrind writes its counts as the process ends: not cut short
  }
  const annotated = spawnSync('callgrind_annotate', ['--threshold=100', out], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (annotated.status !== 0) throw new Error(`callgrind_annotate ${out} failed: ${annotated.stderr}`);
  const parts = { gc: 0, compiler: 0, rest: 0 };
  for (const line of annotated.stdout.split('\n')) {
    const match = /^\s*([\d,]+) \([^)]*\)\s+(.*)$/.exec(line);
    if (match === null || match[2].startsWith('PROGRAM TOTALS')) continue;
    parts[partOf(match[2])] += Number(match[1].replaceAll(',', ''));
  }
  return parts;
}

/** One build: instructions per request once warm, by part. */
async function countBuild(name, cli, { warmUp, measured, dir, log }) {
  const before = await countRun(cli, warmUp, dir, name);
  const after = await countRun(cli, warmUp + measured, dir, name);
  const perRequest = Object.fromEntries(
    Object.keys(before).map((part) => [part, Math.round((after[part] - before[part]) / measured)]),
  );
  perRequest.total = perRequest.gc + perRequest.compiler + perRequest.rest;
  log(
    `  ${name}: ${perRequest.total} instructions per request (GC ${perRequest.gc}, compilers ${perRequest.compiler}, the rest ${perRequest.rest})`,
  );
  return { name, ...perRequest };
}

/** `otherCli`: another build's `apps/mock-gateway/dist/cli.js`. Both builds are counted at once (the counts do not depend on load). */
export async function measureInstructionCount({ otherCli, warmUp = 10_000, measured = 10_000, log }) {
  const dir = mkdtempSync(join(tmpdir(), 'call-control-callgrind-'));
  try {
    const builds = await Promise.all([
      countBuild('this build', MOCK_CLI, { warmUp, measured, dir, log }),
      countBuild('the other build', otherCli, { warmUp, measured, dir, log }),
    ]);
    const [self, other] = builds;
    return {
      otherCli,
      warmUp,
      measured,
      builds,
      ratios: {
        total: Number((self.total / other.total).toFixed(3)),
        rest: Number((self.rest / other.rest).toFixed(3)),
      },
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function instructionCountTable({ otherCli, warmUp, measured, builds, ratios }) {
  return table(
    `8. This build against ${otherCli} in instructions (callgrind; hangups without a webhook URL, requests ${warmUp + 1}–${warmUp + measured})`,
    ['build', 'per request', 'GC', 'compilers', 'the rest', 'ratio'],
    builds.map(({ name, total, gc, compiler, rest }, i) => ({
      build: name,
      'per request': total,
      GC: gc,
      compilers: compiler,
      'the rest': rest,
      ratio: i === 0 ? `${ratios.total.toFixed(2)}× (the rest ${ratios.rest.toFixed(2)}×)` : '',
    })),
  );
}
