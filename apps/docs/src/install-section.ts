// The introduction's "Install" section. Nothing is on npm until a release is published, so it
// says how to install what exists — the tarballs `pnpm pack:all` writes from the repository,
// each with the packages it needs beside it — and, as what works once published, the
// `npm install @call-control/…` lines. Every name, version, dependency, description and the
// repository's URL is read from the packages' own manifests.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { MOCK_GATEWAY_PAGE } from './mock-gateway-page.js';

export interface PackageManifest {
  name: string;
  version: string;
  description: string;
  bin?: Record<string, string>;
  dependencies?: Record<string, string>;
  repository?: { url?: string };
}

/** What an app installs together, the mock gateway it runs in development and CI, and the conformance kit. */
export const APP_PACKAGES = ['@call-control/client', '@call-control/webhooks'];
export const MOCK_GATEWAY_PACKAGE = '@call-control/mock-gateway';
export const CONFORMANCE_PACKAGE = '@call-control/conformance';
/** Every published package, in the order the section lists them. */
export const PUBLISHED_PACKAGES = [
  ...APP_PACKAGES,
  '@call-control/types',
  '@call-control/spec',
  MOCK_GATEWAY_PACKAGE,
  CONFORMANCE_PACKAGE,
];
/** The root script that packs them all, and where it writes the tarballs. */
export const PACK_ALL = 'pnpm pack:all';
export const PACKED_DIR = 'dist-packages';

const require = createRequire(import.meta.url);

export function readManifest(name: string): PackageManifest {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as PackageManifest;
}

/** The file `pnpm pack` writes for a package: `@call-control/client` 1.0.0 → `call-control-client-1.0.0.tgz`. */
export const tarballName = ({ name, version }: PackageManifest) =>
  `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;

/** The packages, each after the published packages it depends on (so each needs only those before it). */
export function withDependencies(names: string[], read: (name: string) => PackageManifest): PackageManifest[] {
  const ordered = new Map<string, PackageManifest>();
  const visit = (name: string) => {
    if (ordered.has(name) || !PUBLISHED_PACKAGES.includes(name)) return;
    const manifest = read(name);
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency);
    ordered.set(name, manifest);
  };
  names.forEach(visit);
  return [...ordered.values()];
}

/** The repository to clone, from a manifest's `repository.url` (`git+https://…/x.git` → `https://…/x.git`). */
export function cloneUrl(manifest: PackageManifest): string {
  const url = manifest.repository?.url?.replace(/^git\+/, '');
  if (url === undefined)
    throw new Error(`${manifest.name} names no repository: the Install section cannot say where to clone`);
  return url;
}

/** `a`, `a` and `b`, `a`, `b` and `c`. */
function names(manifests: PackageManifest[]): string {
  const quoted = manifests.map(({ name }) => `\`${name}\``);
  return quoted.length < 2 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted.at(-1)}`;
}

/** Where the app finds the tarballs (the app's folder is beside the clone), as a shell variable. */
const TARBALLS = `T=../call-control-api/${PACKED_DIR}`;

/** `npm install` of tarballs as a shell command, one tarball a line so it reads on a phone. */
const npmInstall = (flags: string, manifests: PackageManifest[]) =>
  [`npm install${flags}`, ...manifests.map((manifest) => `  $T/${tarballName(manifest)}`)].join(' \\\n');

/** The section's Markdown; `version` is the contract's (`info.version`, @call-control/spec's). */
export function installSection(version: string, read: (name: string) => PackageManifest = readManifest): string {
  const mock = read(MOCK_GATEWAY_PACKAGE);
  const bin = Object.keys(mock.bin ?? {})[0];
  if (bin === undefined)
    throw new Error(`${MOCK_GATEWAY_PACKAGE} has no bin: the Install section cannot show how to run it`);
  const kitBin = Object.keys(read(CONFORMANCE_PACKAGE).bin ?? {})[0];
  if (kitBin === undefined)
    throw new Error(`${CONFORMANCE_PACKAGE} has no bin: the Install section cannot show how to run it`);
  const app = withDependencies(APP_PACKAGES, read);
  const inApp = new Set(app.map(({ name }) => name));
  const forMock = withDependencies([MOCK_GATEWAY_PACKAGE], read).filter(({ name }) => !inApp.has(name));
  const installed = new Set([...inApp, ...forMock.map(({ name }) => name)]);
  const forKit = withDependencies([CONFORMANCE_PACKAGE], read).filter(({ name }) => !installed.has(name));
  const appNeeds = app.filter(({ name }) => !APP_PACKAGES.includes(name));
  const mockNeeds = forMock.filter(({ name }) => name !== MOCK_GATEWAY_PACKAGE);
  const rows = PUBLISHED_PACKAGES.map((name) => `| \`${name}\` | ${read(name).description} |`);
  return [
    '## Install',
    'Node 20.19+; the packages are ES modules, which `require()` loads too. **They are not on npm yet.**',
    `Until a release is published, make their tarballs from the repository: \`${PACK_ALL}\` packs every package into \`${PACKED_DIR}/\`.`,
    '',
    '```sh',
    `git clone ${cloneUrl(mock)} call-control-api`,
    `cd call-control-api && npm run setup && ${PACK_ALL}`,
    '```',
    '',
    `Then, in your app (here a folder beside the clone), install the client and the webhook receiver with ${names(appNeeds)} beside them: they need it.`,
    '',
    '```sh',
    TARBALLS,
    npmInstall('', app),
    '```',
    '',
    `The mock gateway, for development and CI, needs ${names(mockNeeds)} too; it sends the webhooks, signed, to \`--webhook-url\`:`,
    '',
    '```sh',
    npmInstall(' --save-dev', forMock),
    `npx ${bin} --port 4010 --webhook-url http://127.0.0.1:3000/`,
    '```',
    '',
    `Its workbench (\`/__mock/\`) has a page of its own: [Mock gateway](${MOCK_GATEWAY_PAGE}).`,
    'The conformance kit holds your receiver (or a gateway) to this contract; see *Conformance* below:',
    '',
    '```sh',
    npmInstall(' --save-dev', forKit),
    `npx ${kitBin} receiver http://127.0.0.1:3000/webhooks --secret "$WEBHOOK_SECRET"`,
    '```',
    '',
    `Once a release is published to npm, the same is \`npm install ${APP_PACKAGES.join(' ')}\`,`,
    `\`npm install --save-dev ${MOCK_GATEWAY_PACKAGE} ${CONFORMANCE_PACKAGE}\` (or, without installing,`,
    `\`npx ${MOCK_GATEWAY_PACKAGE}\` and \`npx ${CONFORMANCE_PACKAGE}\`).`,
    `This page is the contract of \`@call-control/spec@${version}\`.`,
    '',
    '| package | what it is |',
    '|---|---|',
    ...rows,
  ].join('\n');
}
