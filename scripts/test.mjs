// `pnpm test`: every lint and test task through turbo (cached where nothing changed), then a
// `failed: …` line for each failed test case or task, then one summary line, `N passed, N
// failed`, counting each test case from the Vitest JSON reports and every other task (lint,
// build, generate) as one check. Exits with turbo's status.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { TEST_REPORT } from '@call-control/vitest-config/report';

let passThrough;
try {
  ({ positionals: passThrough } = parseArgs({ allowPositionals: true, strict: true, options: {} }));
} catch (error) {
  console.error(`test: ${error.message} (extra arguments are passed to turbo as task filters)`);
  process.exit(2);
}

const root = new URL('..', import.meta.url).pathname;
const runsDir = join(root, '.turbo', 'runs');
const startedAt = Date.now();
const turbo = spawnSync('pnpm', ['exec', 'turbo', 'run', 'lint', 'test', '--continue', '--summarize', ...passThrough], {
  cwd: root,
  stdio: 'inherit',
});

const summaryFile = existsSync(runsDir)
  ? readdirSync(runsDir)
      .map((file) => join(runsDir, file))
      .filter((file) => statSync(file).mtimeMs >= startedAt)
      .sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]
  : undefined;

let passed = 0;
let failed = 0;
/** What failed, a line each: CI shows the end of the output, where turbo's interleaving has long buried them. */
const failures = [];

/** The failed cases of a Vitest JSON report, and each file that failed with none (a hook, or the file itself). */
function failuresIn(testResults) {
  const lines = [];
  for (const { name, status, assertionResults } of testResults) {
    if (status !== 'failed') continue;
    const file = relative(root, name);
    const cases = assertionResults.filter((result) => result.status === 'failed');
    for (const { fullName } of cases) lines.push(`${file} › ${fullName}`);
    if (cases.length === 0) {
      const skipped = assertionResults.filter((result) => result.status !== 'passed').length;
      lines.push(`${file}: a hook or the file itself failed (${skipped} cases not run; its error is above)`);
    }
  }
  return lines;
}

if (summaryFile === undefined) {
  failed += 1; // turbo did not even summarise its run
} else {
  const { tasks } = JSON.parse(readFileSync(summaryFile, 'utf8'));
  for (const task of tasks) {
    const ok = task.execution?.exitCode === 0;
    const report = join(root, task.directory, TEST_REPORT);
    const before = failures.length;
    if (task.task === 'test' && existsSync(report)) {
      // Fresh, or restored from turbo's cache with the task (it is the task's output).
      const { numPassedTests, numFailedTests, testResults } = JSON.parse(readFileSync(report, 'utf8'));
      passed += numPassedTests;
      failures.push(...failuresIn(testResults));
      // A suite that crashed before reporting a failed case still failed.
      failed += numFailedTests + (!ok && numFailedTests === 0 ? 1 : 0);
      if (!ok && failures.length === before) failures.push(`${task.taskId} exited ${task.execution?.exitCode}`);
    } else if (ok) passed += 1;
    else {
      failed += 1;
      failures.push(`${task.taskId} exited ${task.execution?.exitCode}`);
    }
  }
}
for (const line of failures) console.log(`failed: ${line}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(turbo.status ?? 1);
