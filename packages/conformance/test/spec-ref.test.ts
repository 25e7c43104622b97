import { loadBundledSpec } from '@call-control/spec';
import { expect, it } from 'vitest';
import { readContract } from '../src/contract.js';
import { gatewayCases } from '../src/gateway/check-gateway.js';
import { answeredInTimeCase, receiverCases } from '../src/receiver/check-receiver.js';
import { introductionSection, specText } from '../src/spec-ref.js';

const spec = loadBundledSpec();
const contract = readContract(spec);
const every = [...receiverCases(contract), answeredInTimeCase(contract), ...gatewayCases(contract)];

it.each(every.map(({ id, spec: ref }) => [id, ref]))(
  '%s cites a place the contract has (%s), with text there',
  (_id, ref) => {
    expect(specText(spec, ref!).length).toBeGreaterThan(0);
  },
);

it('reads a section of the introduction up to the next one', () => {
  const text = specText(spec, introductionSection('Compatibility'));
  expect(text.startsWith('Within a major version the API only grows.')).toBe(true);
  expect(text).not.toContain('## ');
  expect(text).toContain('ignored the same way');
});

it('reads the description at a pointer, or the value itself', () => {
  expect(specText(spec, '#/components/parameters/WebhookTimestamp')).toBe(
    spec.components.parameters.WebhookTimestamp.description.trim(),
  );
  expect(specText(spec, '#/x-gateway-limits/max_body_bytes')).toBe(String(spec['x-gateway-limits'].max_body_bytes));
});

it('throws for a section or a place the contract lacks', () => {
  expect(() => specText(spec, introductionSection('Nothing like it'))).toThrow('no section "Nothing like it"');
  expect(() => specText(spec, '#/components/schemas/Nothing')).toThrow('nothing at');
});
