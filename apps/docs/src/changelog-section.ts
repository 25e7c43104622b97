// The introduction's "Changelog" section: the contract's changes, release by release, from
// @call-control/spec's changelog.json (spec/releases/ compared by `pnpm spec:diff`'s rules).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

export interface ChangelogChange {
  breaking: boolean;
  subject: string;
  where: string;
  message: string;
}

export interface ContractChangelog {
  version: string;
  unreleased: ChangelogChange[];
  releases: Array<{ version: string; previous: string | null; changes: ChangelogChange[] }>;
}

export function readContractChangelog(): ContractChangelog {
  const path = createRequire(import.meta.url).resolve('@call-control/spec/changelog.json');
  return JSON.parse(readFileSync(path, 'utf8')) as ContractChangelog;
}

/** One change as a list item: breaking ones first and said so. */
function changeLine({ breaking, subject, where, message }: ChangelogChange): string {
  return `- ${breaking ? '**Breaking:** ' : ''}\`${subject}\`${where ? ` ${where}` : ''}: ${message}`;
}

const changeList = (changes: ChangelogChange[]) =>
  [...changes.filter((change) => change.breaking), ...changes.filter((change) => !change.breaking)].map(changeLine);

/**
 * The section's Markdown. Each release is a bold line, not a heading: Redoc lists every
 * heading of the introduction in the navigation, beside the sections themselves.
 */
export function changelogSection({ unreleased, releases }: ContractChangelog): string {
  const lines = [
    '## Changelog',
    'What changed in the contract, release by release. A change is **breaking** when it can break a client',
    'that sends the requests or reads the answers, or a receiver that reads the webhooks; breaking',
    'changes come only in a major release.',
  ];
  if (unreleased.length > 0) lines.push('', '**Unreleased**', '', ...changeList(unreleased));
  for (const { version, previous, changes } of releases) {
    if (previous === null) lines.push('', `**${version}**: the first release.`);
    else if (changes.length === 0) lines.push('', `**${version}**: no change to the contract since ${previous}.`);
    else lines.push('', `**${version}**`, '', ...changeList(changes));
  }
  return lines.join('\n');
}
