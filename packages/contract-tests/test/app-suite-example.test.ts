// The mock gateway in an app's test suite, from outside the monorepo: the packed packages
// installed with npm (and Vitest from the registry) into an empty project; the README's
// "Use it in your tests" files written there as the README shows them (the installed README,
// the one npm users read), beside the app's code and more of its tests
// (fixtures/app-suite/); then the app's own `npx vitest run`. It must pass — and fail, naming
// the tests, when the app sends the wrong thing. Adding a case is one `it` in
// fixtures/app-suite/test/more-calls.spec.ts (and its title in the outcomes below).
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type ConsumerProject, createConsumerProject, startProcess } from './support/consumer-project.js';
import { packagesToPack, packPackages } from './support/packed-packages.js';
import { codeBlocks } from './support/readme-examples.js';

const versionOf = (name: string) =>
  JSON.parse(readFileSync(new URL(`../node_modules/${name}/package.json`, import.meta.url), 'utf8')).version;
const tsc = fileURLToPath(new URL('../node_modules/.bin/tsc', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'call-control-app-suite-'));
let project: ConsumerProject;

interface VitestReport {
  numTotalTests: number;
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; assertionResults: { title: string; status: string }[] }[];
}

/** The app's suite run with its own Vitest; the JSON report. */
async function runSuite(env: NodeJS.ProcessEnv = {}): Promise<VitestReport> {
  const { stderr } = await project.run('npx', ['vitest', 'run', '--reporter=json', '--outputFile=report.json'], {
    env,
    timeoutMs: 180_000,
  });
  try {
    return JSON.parse(readFileSync(join(project.dir, 'report.json'), 'utf8'));
  } catch {
    throw new Error(`vitest wrote no report:\n${stderr}`);
  } finally {
    rmSync(join(project.dir, 'report.json'), { force: true });
  }
}

const outcomes = (report: VitestReport) =>
  Object.fromEntries(
    report.testResults.flatMap(({ assertionResults }) => assertionResults.map(({ title, status }) => [title, status])),
  );

beforeAll(async () => {
  const tarballs = packPackages(packagesToPack(), work).map((pkg) => pkg.tarball);
  project = await createConsumerProject([
    ...tarballs,
    `vitest@${versionOf('vitest')}`,
    `@types/node@${versionOf('@types/node')}`,
  ]);
  cpSync(fileURLToPath(new URL('fixtures/app-suite/', import.meta.url)), project.dir, { recursive: true });
  // The README's files, each a block that starts with a comment naming its path.
  const readme = readFileSync(join(project.dir, 'node_modules/@call-control/mock-gateway/README.md'), 'utf8');
  const files = codeBlocks(readme, 'ts').filter((block) =>
    /^\/\/ (vitest\.config\.ts|test\/[\w.-]+\.ts)\n/.test(block),
  );
  expect(files.map((block) => block.slice(3, block.indexOf('\n')))).toEqual([
    'vitest.config.ts',
    'test/mock-gateway.setup.ts',
    'test/calls.test.ts',
  ]);
  for (const block of files) project.write(block.slice(3, block.indexOf('\n')), block);
}, 600_000);
afterAll(() => {
  project?.remove();
  rmSync(work, { recursive: true, force: true });
});

it('type-checks, strict: the README’s files and the app’s, against the installed packages', async () => {
  const config = project.write(
    'tsconfig.json',
    JSON.stringify({
      compilerOptions: {
        strict: true,
        noEmit: true,
        module: 'nodenext',
        moduleResolution: 'nodenext',
        target: 'ES2022',
        types: ['node'],
        // Our files are the question here, not Vitest's own declarations.
        skipLibCheck: true,
      },
      include: ['vitest.config.ts', 'src', 'test'],
    }),
  );
  const { code, stdout, stderr } = await project.run(tsc, ['-p', config]);
  expect(`${stdout}${stderr}`).toBe('');
  expect(code).toBe(0);
}, 120_000);

it('the README’s suite and the app’s own pass against the installed mock gateway', async () => {
  const report = await runSuite();
  expect(outcomes(report)).toEqual({
    'hangs up a busy call once, with cause USER_BUSY': 'passed',
    'is told by webhook that the call ended': 'passed',
    'starts each test from nothing: the reset forgot the other tests’ requests': 'passed',
    'answers, then hangs up: the requests in order, each accepted': 'passed',
    'waits for the command.result of the hangup, with the operation its 202 gave': 'passed',
    'hears the far end hang up with the cause the test chose': 'passed',
    'survives an answer lost on the way back: the retry with the same command_uid gets the replay': 'passed',
  });
  expect([report.numFailedTests, report.numPassedTests]).toEqual([0, report.numTotalTests]);
}, 240_000);

it('fails, naming the tests, when the app hangs up with the wrong cause', async () => {
  const report = await runSuite({ CALLS_BUG: 'wrong-cause' });
  expect(outcomes(report)).toMatchObject({
    'hangs up a busy call once, with cause USER_BUSY': 'failed',
    'is told by webhook that the call ended': 'failed',
    'starts each test from nothing: the reset forgot the other tests’ requests': 'passed',
  });
}, 240_000);

it('the control client works against `npx call-control-mock` started with a pair, by URL and the pair', async () => {
  const mock = startProcess(
    'npx',
    ['call-control-mock', '--port', '0', '--quiet', '--app-id', 'suite-app', '--api-key', 'suite-key'],
    { cwd: project.dir, env: project.env, group: true },
  );
  try {
    const [, url] = (await mock.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/)) as [string, string];
    const script = project.write(
      'control-by-url.mjs',
      `import { createCallControlClient } from '@call-control/client';
import { createMockControl, MockControlError } from '@call-control/mock-gateway/control';
const [url] = process.argv.slice(2);
const refused = await createMockControl({ baseUrl: url }).reset().catch((error) => error);
const mock = createMockControl({ baseUrl: url, appId: 'suite-app', apiKey: 'suite-key' });
const client = createCallControlClient({ baseUrl: url, appId: 'suite-app', apiKey: 'suite-key' });
await mock.reset();
const { data: call } = await mock.POST('/__mock/sessions');
await client.answer(call.uuid);
const sent = await mock.requests({ session: call.uuid });
const answered = await mock.waitForDelivery({ session: call.uuid, type: 'call.answered' });
console.log(JSON.stringify({
  refused: refused instanceof MockControlError ? refused.status : 'not refused',
  sent: sent.map(({ command, status, headers }) => [command, status, headers['x-api-key']]),
  answered: answered.payload.type,
  count: await mock.countRequests({ status: 202 }),
}));
`,
    );
    const { code, stdout, stderr } = await project.run(process.execPath, [script, url]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      refused: 401,
      sent: [['answer', 202, '***']],
      answered: 'call.answered',
      count: 1,
    });
  } finally {
    await mock.stop();
  }
}, 120_000);
