import { answeredInTimeCase, gatewayCases, readContract, receiverCases } from '@call-control/conformance';
import { expect, it } from 'vitest';
import { conformanceSection } from '../src/conformance-section.js';
import { CONFORMANCE_PACKAGE, readManifest } from '../src/install-section.js';
import { loadBundledSpec } from './support/bundled-spec.js';

const spec = loadBundledSpec();
const section = conformanceSection(spec);
const contract = readContract(spec);

it('opens with its heading and shows how to run each side, with the command’s name from its manifest', () => {
  expect(section.split('\n')[0]).toBe('## Conformance');
  const [code] = [...section.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map(([, lines]) => lines!);
  expect(code).toContain(
    `npx ${CONFORMANCE_PACKAGE} receiver http://127.0.0.1:3000/webhooks --secret "$WEBHOOK_SECRET"`,
  );
  expect(code).toContain(`npx ${CONFORMANCE_PACKAGE} gateway --base-url`);
  const [bin] = Object.keys(readManifest(CONFORMANCE_PACKAGE).bin ?? {});
  expect(section).toContain(`the command is \`${bin}\``);
  expect(section).toContain('Until it is published, install it from the tarballs (see *Install*); once it is on npm:');
});

it('lists every case the kit runs on this contract, each with its rule and where the contract says so', () => {
  const every = [...receiverCases(contract), answeredInTimeCase(contract), ...gatewayCases(contract)];
  const listed = [...section.matchAll(/^- `([^`]+)` — (.+) \(`([^`]+)`\)$/gm)].map(([, id, title, ref]) => ({
    id,
    title,
    spec: ref,
  }));
  expect(listed).toEqual(every.map(({ id, title, spec: ref }) => ({ id, title, spec: ref })));
  expect(section).toContain(`**Receiver cases** (${receiverCases(contract).length + 1})`);
  expect(section).toContain(`**Gateway cases** (${gatewayCases(contract).length})`);
});

it('follows the contract: a fourth command gets its cases on the page', () => {
  const withHold = structuredClone(spec) as unknown as { paths: Record<string, { post: { operationId: string } }> };
  const hold = structuredClone(withHold.paths['/api/v1/sessions/{uuid}/commands/disconnect']!);
  hold.post.operationId = 'hold';
  withHold.paths['/api/v1/sessions/{uuid}/commands/hold'] = hold;
  expect(conformanceSection(withHold as unknown as object)).toContain(
    '- `gateway.hold.accepted` — hold on a live call',
  );
});

it('refuses a kit without a command', () => {
  const withoutBin = (name: string) => ({ ...readManifest(name), bin: {} });
  expect(() => conformanceSection(spec, withoutBin)).toThrow(`${CONFORMANCE_PACKAGE} has no bin`);
});
