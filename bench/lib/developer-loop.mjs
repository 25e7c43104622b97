// 4. The developer loop, timed as a developer runs it: a cold `pnpm build` after a clean, a
// warm one (answered from turbo's cache), `pnpm test`, and the docs build.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const OUTPUTS = [
  'spec/dist',
  'packages/types/dist',
  'packages/webhooks/dist',
  'packages/client/dist',
  'apps/mock-gateway/dist',
  'apps/docs/dist',
  'apps/docs/lib',
  '.turbo/cache',
  'node_modules/.cache/turbo',
];

function timed(args) {
  const started = performance.now();
  const run = spawnSync('pnpm', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = +((performance.now() - started) / 1000).toFixed(2);
  if (run.status !== 0)
    throw new Error(`pnpm ${args.join(' ')} failed:\n${run.stdout.slice(-2_000)}${run.stderr.slice(-2_000)}`);
  return { seconds, output: run.stdout };
}

export function measureDeveloperLoop({ log, withTests }) {
  for (const output of OUTPUTS) rmSync(`${root}/${output}`, { recursive: true, force: true });
  const cold = timed(['build']);
  log(`  cold pnpm build: ${cold.seconds} s`);
  const warm = timed(['build']);
  const fullTurbo = /FULL TURBO/.test(warm.output);
  log(`  warm pnpm build: ${warm.seconds} s${fullTurbo ? ' (FULL TURBO)' : ''}`);
  const docs = timed(['exec', 'turbo', 'run', 'build', '--filter=@call-control/docs', '--force', '--output-logs=none']);
  log(`  docs build (forced): ${docs.seconds} s`);
  const result = {
    coldBuildS: cold.seconds,
    warmBuildS: warm.seconds,
    warmBuildFromCache: fullTurbo,
    docsBuildS: docs.seconds,
  };
  if (withTests) {
    const test = timed(['test']);
    log(`  pnpm test: ${test.seconds} s (${/(\d+ passed, \d+ failed)/.exec(test.output)?.[1]})`);
    Object.assign(result, { testS: test.seconds, testSummary: /(\d+ passed, \d+ failed)/.exec(test.output)?.[1] });
  }
  return result;
}
