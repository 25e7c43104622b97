import { expect, it } from 'vitest';
import {
  changelogSection,
  readContractChangelog,
  type ChangelogChange,
  type ContractChangelog,
} from '../src/changelog-section.js';
import { loadBundledSpec } from './support/bundled-spec.js';

const removed: ChangelogChange = {
  breaking: true,
  subject: 'webhook call.hangup',
  where: 'request body /data/duration_ms',
  message: 'removed',
};
const added: ChangelogChange = {
  breaking: false,
  subject: 'POST /api/v1/sessions/{uuid}/commands/hangup',
  where: '',
  message: 'new optional field note',
};
const release = (version: string, previous: string | null, changes: ChangelogChange[] = []) => ({
  version,
  previous,
  changes,
});

it.each<[string, ContractChangelog, string[]]>([
  [
    'a first release',
    { version: '1.0.0', unreleased: [], releases: [release('1.0.0', null)] },
    ['**1.0.0**: the first release.'],
  ],
  [
    'releases newest first, breaking changes first and said so',
    {
      version: '2.0.0',
      unreleased: [],
      releases: [release('2.0.0', '1.0.0', [added, removed]), release('1.0.0', null)],
    },
    [
      '**2.0.0**',
      '',
      '- **Breaking:** `webhook call.hangup` request body /data/duration_ms: removed',
      '- `POST /api/v1/sessions/{uuid}/commands/hangup`: new optional field note',
      '',
      '**1.0.0**: the first release.',
    ],
  ],
  [
    'unreleased changes above the releases, and a release that changed nothing',
    { version: '1.0.1', unreleased: [added], releases: [release('1.0.1', '1.0.0'), release('1.0.0', null)] },
    [
      '**Unreleased**',
      '',
      `- \`${added.subject}\`: ${added.message}`,
      '',
      '**1.0.1**: no change to the contract since 1.0.0.',
      '',
      '**1.0.0**: the first release.',
    ],
  ],
])('%s', (_name, changelog, want) => {
  const section = changelogSection(changelog);
  expect(section.split('\n')[0]).toBe('## Changelog');
  expect(section.endsWith(`\n\n${want.join('\n')}`)).toBe(true);
});

it('reads the contract’s changelog that @call-control/spec built, for this version', () => {
  const { version, releases } = readContractChangelog();
  expect(version).toBe(loadBundledSpec().info.version);
  expect(releases.at(-1)).toEqual({ version: '1.0.0', previous: null, changes: [] });
});
