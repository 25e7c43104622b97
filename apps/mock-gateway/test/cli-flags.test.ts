// The command line's flags: each is its option in kebab case, each is described by --help and
// by the README's table, and a slip of the keyboard is met with the flag that was meant.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { flagOf, helpText, nearestFlag, SWITCHES, VALUE_FLAGS } from '../src/cli-flags.js';

const FLAGS = [...Object.keys(VALUE_FLAGS), ...Object.keys(SWITCHES)].map(flagOf);

it('names each flag after its option, in kebab case', () => {
  expect(flagOf('maxWebhookBacklogPerSession')).toBe('--max-webhook-backlog-per-session');
  expect(FLAGS).toContain('--drop-responses');
  expect(FLAGS).toContain('--sessions');
});

it('lists every flag once in --help, each with what it does', () => {
  const lines = helpText().split('\n');
  for (const flag of FLAGS)
    expect(
      lines.filter((line) => line.startsWith(`  ${flag} `)),
      flag,
    ).toHaveLength(1);
});

it('the README’s flag table names every flag but --help, and no other', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const table = readme.slice(readme.indexOf('| flag | default | meaning |'));
  const rows = table.slice(0, table.indexOf('\n\n')).split('\n').slice(2);
  const named = rows.flatMap((row) => [...row.split('|')[1]!.matchAll(/`(--[a-z-]+)`/g)].map(([, flag]) => flag));
  expect(named.sort()).toEqual(FLAGS.filter((flag) => flag !== '--help').sort());
});

it.each([
  ['--webhook-ur', '--webhook-url'],
  ['--webhookurl', '--webhook-url'],
  ['--prot', '--port'],
  ['--quite', '--quiet'],
  ['--drop-response', '--drop-responses'],
  ['--session', '--sessions'],
  ['--latency=5', '--latency'],
  ['--max-session', '--max-sessions'],
  ['--frobnicate', undefined],
  ['--x', undefined],
])('%s → %s', (typed, meant) => {
  expect(nearestFlag(typed)).toBe(meant);
});
