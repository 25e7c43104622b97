// The contract's contact is where its readers can really ask: the issues of the repository its
// package names, not a placeholder.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { loadBundledSpec } from './support/bundled-spec.js';

const { repository } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

it('info.contact is the repository’s issues, as the package names the repository', () => {
  const issues = `${repository.url.replace(/^git\+/, '').replace(/\.git$/, '')}/issues`;
  expect(issues).toMatch(/^https:\/\/github\.com\/[\w.-]+\/[\w.-]+\/issues$/);
  expect(loadBundledSpec().info.contact).toEqual({ name: expect.any(String), url: issues });
});

it('info.contact names no example host', () => {
  expect(JSON.stringify(loadBundledSpec().info.contact)).not.toMatch(/example\.(com|org|net)/);
});
