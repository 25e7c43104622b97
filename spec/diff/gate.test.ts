// The gate on mutated copies of the bundled contract: a breaking change passes only in a
// major release, pending (a major changeset) or applied (info.version's major part raised).
import { expect, it } from 'vitest';
import { loadBundledSpec, type Node } from '../test/support/bundled-spec.js';
import { breakingChangeGate } from './gate.js';

const removeField = (spec: Node) => {
  const data = spec.components.schemas.CallHangupData;
  delete data.properties.duration_ms;
  data.required = data.required.filter((field: string) => field !== 'duration_ms');
};
const addRequestField = (spec: Node) => {
  spec.components.schemas.HangupRequest.properties.added_by_this_test = { type: 'string' };
};

type Bump = 'major' | 'minor' | 'patch' | 'none';
it.each<[string, { mutate: (spec: Node) => void; version: string; pendingBump: Bump; passed: boolean }]>([
  ['no change', { mutate: () => {}, version: '1.0.0', pendingBump: 'none', passed: true }],
  ['a non-breaking change, with no changeset', { mutate: addRequestField, version: '1.0.0', pendingBump: 'none', passed: true }],
  ['a breaking change, with no changeset', { mutate: removeField, version: '1.0.0', pendingBump: 'none', passed: false }],
  ['a breaking change, with a minor changeset', { mutate: removeField, version: '1.0.0', pendingBump: 'minor', passed: false }],
  ['a breaking change, in a minor release', { mutate: removeField, version: '1.1.0', pendingBump: 'none', passed: false }],
  ['a breaking change, with a major changeset', { mutate: removeField, version: '1.0.0', pendingBump: 'major', passed: true }],
  ['a breaking change, in a major release', { mutate: removeField, version: '2.0.0', pendingBump: 'none', passed: true }],
])('%s', (_name, { mutate, version, pendingBump, passed }) => {
  const revision = loadBundledSpec();
  mutate(revision);
  revision.info.version = version;
  const result = breakingChangeGate(loadBundledSpec(), revision, { pendingBump });
  expect(result.passed).toBe(passed);
  if (!passed) {
    expect(result.report).toMatch(/^1 breaking change\(s\) against the released contract 1\.0\.0, and no major changeset for @call-control\/spec\./);
    expect(result.report).toContain('run `pnpm changeset`, select @call-control/spec');
    expect(result.report).toContain('webhook call.hangup');
  }
});
