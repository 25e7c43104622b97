// The Install section says only what is true: nothing is on npm yet, so it gives the commands
// that install the packages from the repository's tarballs — and those commands are run here,
// as written, in an empty app beside a folder of tarballs `pnpm pack:all` made — and it gives
// `npm install @call-control/…` only as what works once a release is published.
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import {
  APP_PACKAGES,
  cloneUrl,
  CONFORMANCE_PACKAGE,
  installSection,
  MOCK_GATEWAY_PACKAGE,
  PACK_ALL,
  PACKED_DIR,
  PUBLISHED_PACKAGES,
  readManifest,
  tarballName,
} from '../src/install-section.js';
import { repoRoot } from './support/bundled-spec.js';

const section = installSection('1.2.3');
const codeBlocks = [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map(([, code]) => code!.trim());
const tarballOf = (name: string) => tarballName(readManifest(name));

describe('what the section says', () => {
  it('says the packages are not on npm yet, and gives npm install @call-control/… only as what works once published', () => {
    expect(section).toContain('**They are not on npm yet.**');
    const once = section.indexOf('Once a release is published to npm');
    expect(once).toBeGreaterThan(0);
    expect(section.indexOf('npm install @call-control/')).toBeGreaterThan(once);
    expect(codeBlocks.join('\n')).not.toMatch(/npm install (--save-dev )?@call-control\//);
  });

  it('clones the repository the manifests name and packs every package with one command', () => {
    expect(codeBlocks[0]).toBe(
      `git clone ${cloneUrl(readManifest(MOCK_GATEWAY_PACKAGE))} call-control-api\ncd call-control-api && npm run setup && ${PACK_ALL}`,
    );
    expect(cloneUrl(readManifest(MOCK_GATEWAY_PACKAGE))).toMatch(/^https:\/\/\S+\.git$/);
  });

  it('installs the client and the receiver with @call-control/types beside them, each from its tarball', () => {
    expect(codeBlocks[1]).toBe(
      [
        `T=../call-control-api/${PACKED_DIR}`,
        'npm install \\',
        ...['@call-control/types', ...APP_PACKAGES].map(
          (name, i, all) => `  $T/${tarballOf(name)}${i < all.length - 1 ? ' \\' : ''}`,
        ),
      ].join('\n'),
    );
    expect(section).toContain('with `@call-control/types` beside them: they need it.');
  });

  it('installs the mock gateway with what it needs besides, and runs its command from its manifest', () => {
    const [bin] = Object.keys(readManifest(MOCK_GATEWAY_PACKAGE).bin ?? {});
    expect(bin).toBe('call-control-mock');
    expect(codeBlocks[2]).toBe(
      [
        'npm install --save-dev \\',
        `  $T/${tarballOf('@call-control/spec')} \\`,
        `  $T/${tarballOf(MOCK_GATEWAY_PACKAGE)}`,
        `npx ${bin} --port 4010 --webhook-url http://127.0.0.1:3000/`,
      ].join('\n'),
    );
  });

  it('installs the conformance kit beside them (what it needs is in already) and runs it on a receiver', () => {
    const [kitBin] = Object.keys(readManifest(CONFORMANCE_PACKAGE).bin ?? {});
    expect(codeBlocks[3]).toBe(
      [
        'npm install --save-dev \\',
        `  $T/${tarballOf(CONFORMANCE_PACKAGE)}`,
        `npx ${kitBin} receiver http://127.0.0.1:3000/webhooks --secret "$WEBHOOK_SECRET"`,
      ].join('\n'),
    );
  });

  it('names the contract’s version and lists every published package with its manifest’s description', () => {
    expect(section).toContain('`@call-control/spec@1.2.3`');
    for (const name of PUBLISHED_PACKAGES)
      expect(section).toContain(`| \`${name}\` | ${readManifest(name).description} |`);
  });

  it('refuses a mock gateway package without a command, and a manifest without a repository', () => {
    const withoutBin = (name: string) => ({ ...readManifest(name), bin: {} });
    expect(() => installSection('1.0.0', withoutBin)).toThrow(`${MOCK_GATEWAY_PACKAGE} has no bin`);
    const withoutRepository = (name: string) => ({ ...readManifest(name), repository: undefined });
    expect(() => installSection('1.0.0', withoutRepository)).toThrow('names no repository');
  });
});

describe('the commands, run as written', () => {
  const work = mkdtempSync(join(tmpdir(), 'call-control-install-'));
  const clone = join(work, 'call-control-api');
  const app = join(work, 'app');
  afterAll(() => rmSync(work, { recursive: true, force: true }));
  // npm, not the workspace's pnpm: the environment without what pnpm sets for this package's scripts.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !/^(npm_|pnpm_)/i.test(key) || /registry|cache/i.test(key)),
  );
  const sh = (script: string, cwd: string) =>
    promisify(execFile)('sh', ['-ec', script], { cwd, env, timeout: 300_000, maxBuffer: 16 * 1024 * 1024 });

  it(`${PACK_ALL} writes the tarballs the section names`, async () => {
    await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'scripts', 'pack-all.mjs'), '--out', join(clone, PACKED_DIR)],
      { cwd: repoRoot, env },
    );
    const written = readdirSync(join(clone, PACKED_DIR));
    for (const name of PUBLISHED_PACKAGES) expect(written).toContain(tarballOf(name));
  }, 120_000);

  it('installs the app’s packages and the mock gateway into an empty app, and the mock runs', async () => {
    mkdirSync(app);
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', version: '1.0.0', private: true }));
    const withoutRun = (block: string) => block.split('\n').slice(0, -1).join('\n');
    await sh(`${codeBlocks[1]}\n${withoutRun(codeBlocks[2]!)}\n${withoutRun(codeBlocks[3]!)}`, app);
    const { stdout } = await sh('npm ls --depth 0', app);
    for (const name of PUBLISHED_PACKAGES) expect(stdout).toContain(name);
    const kit = codeBlocks[3]!.split('\n').at(-1)!.split(' ').slice(0, 2).join(' ');
    expect((await sh(`${kit} --help`, app)).stdout).toMatch(/^usage: call-control-conformance receiver/);
    const npx = codeBlocks[2]!.split('\n').at(-1)!.replace('--port 4010', '--port 0');
    // Its own process group: npx runs the bin as a child of its own, and Ctrl-C reaches both.
    const child = spawn('sh', ['-c', `exec ${npx}`], { cwd: app, env, detached: true });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    await expect
      .poll(() => output, { timeout: 60_000, interval: 200 })
      .toMatch(/listening on http:\/\/127\.0\.0\.1:\d+/);
    const exited = new Promise((resolve) => child.on('exit', resolve));
    process.kill(-child.pid!, 'SIGINT');
    await exited;
    expect(output).toMatch(/^stopped: 0 commands accepted/m);
  }, 400_000);
});
