// The contract's changelog over a releases folder built here: 1.0.0 (the bundle), 1.1.0 (a
// new optional request field) and 2.0.0 (a field removed from a webhook payload), with a
// working tree one change past 2.0.0.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { loadBundledSpec, type Node } from '../test/support/bundled-spec.js';
import { contractChangelog } from './contract-changelog.js';

const dir = mkdtempSync(join(tmpdir(), 'releases-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const release = (version: string, change: (spec: Node) => void, base: Node): Node => {
  const spec = structuredClone(base);
  change(spec);
  spec.info.version = version;
  writeFileSync(join(dir, `${version}.json`), JSON.stringify(spec));
  return spec;
};
const v1 = release('1.0.0', () => {}, loadBundledSpec());
const v11 = release(
  '1.1.0',
  (spec) => (spec.components.schemas.HangupRequest.properties.note = { type: 'string' }),
  v1,
);
const v2 = release(
  '2.0.0',
  (spec) => {
    const data = spec.components.schemas.CallHangupData;
    delete data.properties.duration_ms;
    data.required = data.required.filter((field: string) => field !== 'duration_ms');
  },
  v11,
);
const current = structuredClone(v2);
current.components.schemas.AnswerRequest.properties.note = { type: 'string' };

it('lists the releases newest first, each against the one before, the first with no changes', () => {
  const { version, releases } = contractChangelog(current, dir);
  expect(version).toBe('2.0.0');
  expect(releases.map(({ version: v, previous }) => [v, previous])).toEqual([
    ['2.0.0', '1.1.0'],
    ['1.1.0', '1.0.0'],
    ['1.0.0', null],
  ]);
  expect(releases[2]!.changes).toEqual([]);
});

it('classifies each release’s changes as the gate does', () => {
  const [major, minor] = contractChangelog(current, dir).releases;
  expect(major!.changes).toEqual([
    expect.objectContaining({
      breaking: true,
      subject: 'webhook call.hangup',
      where: expect.stringContaining('/data/duration_ms'),
    }),
  ]);
  expect(minor!.changes).toEqual([
    expect.objectContaining({ breaking: false, subject: 'POST /api/v1/sessions/{uuid}/commands/hangup' }),
  ]);
});

it('lists the working tree’s changes since the newest release as unreleased', () => {
  expect(contractChangelog(current, dir).unreleased).toEqual([
    expect.objectContaining({ breaking: false, subject: 'POST /api/v1/sessions/{uuid}/commands/answer' }),
  ]);
  expect(contractChangelog(v2, dir).unreleased).toEqual([]);
});
