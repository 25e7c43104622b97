// The six packages from outside the monorepo, as a user gets them: packed with `pnpm pack`,
// installed with plain npm into an empty project in the system's temporary directory, and
// used there — TypeScript consumers type-checked (strict, skipLibCheck false; node16,
// bundler, a browser app without Node types, CommonJS), the client bundled for the browser,
// `require()` from CommonJS, `npx call-control-mock` driven by the client's and the
// receiver's README examples and the source document's curl commands, and
// `npx call-control-conformance` holding the README receiver and `npx call-control-mock` to
// the contract.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { randomBytes, randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signWebhook } from '@call-control/webhooks';
import {
  createConsumerProject,
  startProcess,
  type ConsumerProject,
  type RunningProcess,
} from './support/consumer-project.js';
import { isNodeBuiltin } from './support/shipped-imports.js';
import { packagesToPack, packPackages, workspaceRoot } from './support/packed-packages.js';
import { codeBlocks, readmeExample, sourceCurlCommands } from './support/readme-examples.js';
import { TYPE_CHECKS, tsconfig } from './support/type-checks.js';

const tsc = fileURLToPath(new URL('../node_modules/.bin/tsc', import.meta.url));
const typesNode = JSON.parse(
  readFileSync(new URL('../node_modules/@types/node/package.json', import.meta.url), 'utf8'),
).version;
const work = mkdtempSync(join(tmpdir(), 'call-control-packed-'));
let project: ConsumerProject;

beforeAll(async () => {
  const tarballs = packPackages(packagesToPack(), work).map((pkg) => pkg.tarball);
  // @types/node: what any TypeScript project on Node has (at the workspace's version).
  project = await createConsumerProject([...tarballs, `@types/node@${typesNode}`]);
  cpSync(fileURLToPath(new URL('fixtures/consumer/', import.meta.url)), project.dir, { recursive: true });
}, 600_000);
afterAll(() => {
  project?.remove();
  rmSync(work, { recursive: true, force: true });
});

describe('installed with npm into an empty project', () => {
  it('lives outside the workspace, with no engine warning and a consistent tree (npm ls)', async () => {
    expect(project.dir.startsWith(workspaceRoot)).toBe(false);
    expect(project.installLog).not.toMatch(/EBADENGINE|ERESOLVE|peer dep/i);
    const ls = await project.run('npm', ['ls', '--all']);
    expect(ls.stderr).toBe('');
    expect(ls.code).toBe(0);
  });

  it.each(TYPE_CHECKS)(
    'type-checks a TypeScript consumer: $name',
    async ({ name, files, compilerOptions }) => {
      const config = project.write(
        `tsconfig.${name.replace(/\W+/g, '-')}.json`,
        tsconfig(files, { ...compilerOptions, noEmit: true }),
      );
      const { code, stdout, stderr } = await project.run(tsc, ['-p', config]);
      expect(`${stdout}${stderr}`).toBe('');
      expect(code).toBe(0);
    },
    120_000,
  );

  it('bundles the client and the webhook handler for the browser with no Node built-in', async () => {
    const { metafile, warnings } = await build({
      absWorkingDir: project.dir,
      entryPoints: ['browser-entry.js'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(warnings).toEqual([]);
    const inputs = Object.keys(metafile.inputs);
    expect(inputs).toEqual(
      expect.arrayContaining([
        'node_modules/@call-control/client/dist/index.js',
        'node_modules/@call-control/webhooks/dist/index.js',
      ]),
    );
    // Anything the bundle still imports (a built-in left external) is listed per output.
    const leftOver = Object.values(metafile.outputs).flatMap((output) => output.imports.map((entry) => entry.path));
    expect(leftOver.filter(isNodeBuiltin)).toEqual([]);
    expect(leftOver).toEqual([]);
  }, 60_000);

  it('makes a whsec_ secret with the root README’s command, one the signer takes', async () => {
    const readme = readFileSync(join(workspaceRoot, 'README.md'), 'utf8');
    const command = codeBlocks(readme, 'sh')
      .flatMap((block) => block.split('\n'))
      .find((line) => line.includes('generateWebhookSecret'));
    expect(command).toBeDefined();
    const { code, stdout, stderr } = await project.run('sh', ['-c', `${command}\nprintf '%s' "$WEBHOOK_SECRET"`]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^whsec_[A-Za-z0-9+/]+={0,2}$/);
    expect(() => signWebhook({ id: 'evt_check', body: '{}', secret: stdout })).not.toThrow();
  });

  it('runs `npx @call-control/mock-gateway` (the docs’ install line) as the same CLI', async () => {
    const { code, stdout } = await project.run('npx', ['@call-control/mock-gateway', '--help']);
    expect(stdout).toMatch(/^usage: call-control-mock /);
    expect(code).toBe(0);
  });
});

describe('npx call-control-mock, driven by the README examples and the source’s curls', () => {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  let receiver: RunningProcess;
  let receiverUrl: string;
  let mock: RunningProcess;
  let gatewayUrl: string;

  beforeAll(async () => {
    // The receiver README example, compiled by tsc as its own TypeScript project would be.
    project.write('receiver.ts', readmeExample(project.dir, '@call-control/webhooks', 'ts', 'createWebhookHandler'));
    const config = project.write(
      'tsconfig.receiver.json',
      tsconfig(['receiver.ts'], { module: 'node16', moduleResolution: 'node16', types: ['node'], outDir: 'out' }),
    );
    const compiled = await project.run(tsc, ['-p', config]);
    expect(`${compiled.stdout}${compiled.stderr}`).toBe('');
    receiver = startProcess(process.execPath, ['out/receiver.js'], {
      cwd: project.dir,
      env: { ...project.env, WEBHOOK_SECRET: secret, PORT: '0' },
    });
    [, receiverUrl] = (await receiver.waitFor(/receiving webhooks on (http:\/\/127\.0\.0\.1:\d+\/)/)) as [
      string,
      string,
    ];
    mock = startProcess(
      'npx',
      [
        'call-control-mock',
        '--port',
        '0',
        '--webhook-url',
        receiverUrl,
        '--webhook-secret',
        secret,
        '--log-format',
        'json',
      ],
      {
        cwd: project.dir,
        env: project.env,
        group: true,
      },
    );
    [, gatewayUrl] = (await mock.waitFor(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/m)) as [string, string];
  }, 120_000);
  afterAll(async () => {
    await mock?.stop();
    await receiver?.stop();
  });

  it('prints `listening on http://127.0.0.1:PORT`', () => {
    expect(Number(new URL(gatewayUrl).port)).toBeGreaterThan(0);
  });

  it('runs the client README example unchanged: the hangup is accepted', async () => {
    project.write(
      'client-example.mjs',
      readmeExample(project.dir, '@call-control/client', 'js', 'createCallControlClient'),
    );
    const { code, stdout, stderr } = await project.run(process.execPath, ['client-example.mjs'], {
      env: { GATEWAY_URL: gatewayUrl },
    });
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\n$/);
    expect(code).toBe(0);
  });

  it('answers the source document’s three curl commands with 202', async () => {
    const commands = sourceCurlCommands();
    expect(commands).toHaveLength(3);
    for (const command of commands) {
      const line = `${command.replace('https://gateway.example.com', gatewayUrl).replace('{uuid}', randomUUID())} -sS -w '\\n%{http_code}'`;
      const { stdout, stderr } = await project.run('sh', ['-c', line]);
      expect(stderr).toBe('');
      const [body, status] = stdout.split('\n');
      expect(status, command).toBe('202');
      expect(JSON.parse(body!)).toMatchObject({ status: 'in_progress', timeout_ms: 2000 });
    }
  });

  it('require()s the packages from CommonJS (Node 20.19+) and answers a call', async () => {
    const { code, stdout, stderr } = await project.run(process.execPath, ['commonjs-app.cjs'], {
      env: { GATEWAY_URL: gatewayUrl },
    });
    expect(stderr).toBe('');
    expect(JSON.parse(stdout)).toEqual({
      verified: 'call.answered',
      answer: 'in_progress',
      spec: join(project.dir, 'node_modules/@call-control/spec/dist/openapi.json'),
    });
    expect(code).toBe(0);
  });

  it('delivers every webhook of those commands to the README receiver, which verifies each', async () => {
    // hangup (example) + answer, hangup, disconnect (curls) + answer (CommonJS): ten events.
    const handled = /^(?:(?:answer|hangup|disconnect) (?:succeeded|failed|timed_out)|answered \S+|hung up \S+)$/gm;
    await expect.poll(() => receiver.output.match(handled)?.length ?? 0, { timeout: 20_000, interval: 100 }).toBe(10);
    const lines = receiver.output.match(handled)!.sort();
    expect(lines.filter((line) => line.startsWith('answered '))).toHaveLength(2);
    expect(lines.filter((line) => line.startsWith('hung up '))).toEqual(
      ['hung up USER_BUSY', 'hung up USER_BUSY', expect.stringMatching(/^hung up [A-Z_]+$/)].sort(),
    );
    expect(lines.filter((line) => line.includes(' succeeded'))).toEqual([
      'answer succeeded',
      'answer succeeded',
      'disconnect succeeded',
      'hangup succeeded',
      'hangup succeeded',
    ]);
    const deliveries = () =>
      mock.output
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line))
        .filter((entry) => entry.kind === 'delivery');
    await expect.poll(() => deliveries().length, { timeout: 5_000 }).toBe(10);
    expect(deliveries().map((entry) => entry.status)).toEqual(Array(10).fill(204));
  }, 30_000);

  it('has the README receiver refuse a delivery whose signature is wrong (401)', async () => {
    const response = await fetch(receiverUrl, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': 'evt_forged',
        'webhook-timestamp': String(Math.floor(Date.now() / 1000)),
        'webhook-signature': 'v1,Zm9yZ2Vk',
      },
      body: '{}',
    });
    expect(response.status).toBe(401);
  });

  it('stops on SIGTERM, finishing its deliveries, with nothing left undelivered', async () => {
    await mock.stop();
    // The three curls and the README client's hangup: 4 commands, 2 webhooks each, all delivered.
    expect(mock.output).toMatch(
      /^SIGTERM: stopping .*\n(?:.*\n)*stopped: \d+ commands? accepted; webhooks: \d+ delivered, 0 undelivered\n$/m,
    );
    expect(mock.output).not.toMatch(/WARN undelivered/);
  });
});

/** A port nothing listens on right now. */
const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });

describe('npx call-control-conformance, holding the README receiver and npx call-control-mock to the contract', () => {
  const secret = `whsec_${randomBytes(24).toString('base64')}`;
  let receiver: RunningProcess;
  let receiverUrl: string;
  let mock: RunningProcess;
  let gatewayUrl: string;
  let listen: string;

  beforeAll(async () => {
    project.write(
      'conformance-receiver.ts',
      readmeExample(project.dir, '@call-control/webhooks', 'ts', 'createWebhookHandler'),
    );
    const config = project.write(
      'tsconfig.conformance-receiver.json',
      tsconfig(['conformance-receiver.ts'], {
        module: 'node16',
        moduleResolution: 'node16',
        types: ['node'],
        outDir: 'out-conformance',
      }),
    );
    const compiled = await project.run(tsc, ['-p', config]);
    expect(`${compiled.stdout}${compiled.stderr}`).toBe('');
    receiver = startProcess(process.execPath, ['out-conformance/conformance-receiver.js'], {
      cwd: project.dir,
      env: { ...project.env, WEBHOOK_SECRET: secret, PORT: '0' },
    });
    [, receiverUrl] = (await receiver.waitFor(/receiving webhooks on (http:\/\/127\.0\.0\.1:\d+\/)/)) as [
      string,
      string,
    ];
    listen = `127.0.0.1:${await freePort()}`;
    const mockArgs = [
      '--port',
      '0',
      '--webhook-url',
      `http://${listen}/`,
      '--webhook-secret',
      secret,
      '--app-id',
      'app',
      '--api-key',
      'key',
      '--retry-scale',
      '0.001',
      '--quiet',
    ];
    mock = startProcess('npx', ['call-control-mock', ...mockArgs], { cwd: project.dir, env: project.env, group: true });
    [, gatewayUrl] = (await mock.waitFor(/^listening on (http:\/\/127\.0\.0\.1:\d+)$/m)) as [string, string];
  }, 120_000);
  afterAll(async () => {
    await mock?.stop();
    await receiver?.stop();
  });

  it('runs `npx @call-control/conformance` (the package name) as the same CLI', async () => {
    const { code, stdout } = await project.run('npx', ['@call-control/conformance', '--help']);
    expect(stdout).toMatch(/^usage: call-control-conformance receiver <url> --secret whsec_… /);
    expect(code).toBe(0);
  });

  it('passes the README receiver on every receiver case', async () => {
    const { code, stdout, stderr } = await project.run('npx', [
      'call-control-conformance',
      'receiver',
      receiverUrl,
      '--secret',
      secret,
    ]);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/\nreceiver: \d+ passed, 0 failed\n$/);
    expect(stdout).not.toMatch(/^✗/m);
    expect(code).toBe(0);
  });

  it('runs every gateway case against npx call-control-mock, skipping none', async () => {
    const args = [
      'gateway',
      '--base-url',
      gatewayUrl,
      '--app-id',
      'app',
      '--api-key',
      'key',
      '--webhook-secret',
      secret,
      '--listen',
      listen,
      '--schedule-scale',
      '0.001',
      '--json',
    ];
    const { code, stdout, stderr } = await project.run('npx', ['call-control-conformance', ...args]);
    // (On exit 1, run() puts the failure's own message where stderr was empty.)
    expect(stderr).not.toMatch(/^call-control-conformance:|^\s+at /m);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ target: gatewayUrl, skipped: 0 });
    expect(report.passed).toBeGreaterThan(50);
    const failed = report.cases.filter(({ outcome }: { outcome: string }) => outcome === 'failed');
    expect(failed).toEqual([]);
    expect(code).toBe(0);
  }, 120_000);

  it('refuses a bad secret in one line, exit 2', async () => {
    const { code, stdout, stderr } = await project.run('npx', [
      'call-control-conformance',
      'receiver',
      receiverUrl,
      '--secret',
      'hunter2',
    ]);
    expect(stderr).toBe(
      'call-control-conformance: --secret must be whsec_ followed by padded base64 (as the gateway shows it) (--help shows the usage)\n',
    );
    expect(stdout).toBe('');
    expect(code).toBe(2);
  });
});
