// The introduction's "Install" section: the npm and npx lines for the published packages and
// what each one is, read from the packages' own manifests, so a renamed package, bin or
// description reaches the page without anyone editing the docs.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface PackageManifest {
  name: string;
  description: string;
  bin?: Record<string, string>;
}

/** What an app installs together, and the mock gateway it runs in development and CI. */
export const APP_PACKAGES = ['@call-control/client', '@call-control/webhooks'];
export const MOCK_GATEWAY_PACKAGE = '@call-control/mock-gateway';
/** Every published package, in the order the section lists them. */
export const PUBLISHED_PACKAGES = [
  ...APP_PACKAGES,
  '@call-control/types',
  '@call-control/spec',
  MOCK_GATEWAY_PACKAGE,
  '@call-control/conformance',
];

const require = createRequire(import.meta.url);

export function readManifest(name: string): PackageManifest {
  return JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as PackageManifest;
}

/** The section's Markdown; `version` is the contract's (`info.version`, @call-control/spec's). */
export function installSection(version: string, read: (name: string) => PackageManifest = readManifest): string {
  const mock = read(MOCK_GATEWAY_PACKAGE);
  const bin = Object.keys(mock.bin ?? {})[0];
  if (bin === undefined)
    throw new Error(`${MOCK_GATEWAY_PACKAGE} has no bin: the Install section cannot show how to run it`);
  const rows = PUBLISHED_PACKAGES.map((name) => `| \`${name}\` | ${read(name).description} |`);
  return [
    '## Install',
    'The packages are on npm (Node 20.19+; ES modules, which `require()` loads too). In your app:',
    '',
    '```sh',
    `npm install ${APP_PACKAGES.join(' ')}`,
    '```',
    '',
    'The mock gateway, for development and CI (it sends the webhooks, signed, to `--webhook-url`):',
    '',
    '```sh',
    `npx ${MOCK_GATEWAY_PACKAGE} --port 4010 --webhook-url http://127.0.0.1:3000/`,
    '```',
    '',
    `Installed as a dev dependency (\`npm install --save-dev ${MOCK_GATEWAY_PACKAGE}\`), it is \`npx ${bin}\`.`,
    `This page is the contract of \`@call-control/spec@${version}\`.`,
    '',
    '| package | what it is |',
    '|---|---|',
    ...rows,
  ].join('\n');
}
