import { expect, it } from 'vitest';
import { installSection, MOCK_GATEWAY_PACKAGE, PUBLISHED_PACKAGES, readManifest } from '../src/install-section.js';

const section = installSection('1.2.3');
const codeLines = [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map(([, code]) => code!.trim());

it('gives the npm line for an app and the npx line for the mock gateway', () => {
  expect(codeLines).toEqual([
    'npm install @call-control/client @call-control/webhooks',
    'npx @call-control/mock-gateway --port 4010 --webhook-url http://127.0.0.1:3000/',
  ]);
});

it('names the mock gateway’s command from its manifest, and the contract’s version', () => {
  const [bin] = Object.keys(readManifest(MOCK_GATEWAY_PACKAGE).bin ?? {});
  expect(bin).toBe('call-control-mock');
  expect(section).toContain(`it is \`npx ${bin}\``);
  expect(section).toContain('`@call-control/spec@1.2.3`');
});

it('lists every published package with its manifest’s description', () => {
  for (const name of PUBLISHED_PACKAGES)
    expect(section).toContain(`| \`${name}\` | ${readManifest(name).description} |`);
  expect(PUBLISHED_PACKAGES).toHaveLength(6);
});

it('refuses a mock gateway package without a command', () => {
  const withoutBin = (name: string) => ({ ...readManifest(name), bin: {} });
  expect(() => installSection('1.0.0', withoutBin)).toThrow(`${MOCK_GATEWAY_PACKAGE} has no bin`);
});
