// The introduction of the built page in real Chromium: it says its first sentence once, then
// shows how to install the packages, and ends with the contract's changelog.
import { answeredInTimeCase, gatewayCases, readContract, receiverCases } from '@call-control/conformance';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readContractChangelog } from '../src/changelog-section.js';
import { installSection, PUBLISHED_PACKAGES } from '../src/install-section.js';
import { loadBundledSpec } from './support/bundled-spec.js';
import { menuOf, openBuiltDocs, sectionText, type OpenedDocs } from './support/docs-browser.js';

const spec = loadBundledSpec();
let docs: OpenedDocs;
let page: Page;

beforeAll(async () => {
  docs = await openBuiltDocs();
  page = docs.page;
});
afterAll(() => docs?.close());

it('says the introduction’s first sentence once', async () => {
  await menuOf(page).getByText(spec.info.title, { exact: true }).click();
  const text = await page.locator('#api-content').innerText();
  const introduction = text.slice(0, text.indexOf('Install\n'));
  const firstSentence = (spec.info.description ?? '').split(/(?<=\.)\s/)[0]!;
  expect(firstSentence).toMatch(/^Answer, hang up, and disconnect active call sessions\.$/);
  expect(introduction.split(firstSentence)).toHaveLength(2);
  // The summary says the same in other words (it is the page's meta description instead).
  expect(introduction).not.toContain(spec.info.summary);
});

it('shows the Install section with the npm and npx lines', async () => {
  const text = await sectionText(page, 'Install', 'Authentication');
  const lines = [...installSection(spec.info.version).matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map(([, code]) =>
    code!.trim(),
  );
  expect(lines).toEqual([
    expect.stringMatching(/^npm install @call-control\/client /),
    expect.stringMatching(/^npx @call-control\/mock-gateway /),
  ]);
  for (const line of lines) expect(text).toContain(line);
  for (const name of PUBLISHED_PACKAGES) expect(text).toContain(name);
});

it('shows the contract’s Changelog, release by release', async () => {
  const text = await sectionText(page, 'Changelog');
  const { unreleased, releases } = readContractChangelog();
  expect(releases.length).toBeGreaterThan(0);
  const positions = releases.map(({ version }) =>
    text.search(new RegExp(`^${version.replaceAll('.', '\\.')}\\b`, 'm')),
  );
  expect(positions.every((position) => position >= 0)).toBe(true);
  expect(positions).toEqual([...positions].sort((a, b) => a - b)); // newest first
  // Each change as the reader sees it (Markdown's backticks become code, not text).
  for (const { message } of [...unreleased, ...releases.flatMap(({ changes }) => changes)])
    expect(text).toContain(message.replaceAll('`', ''));
  if (unreleased.length > 0) expect(text).toContain('Unreleased');
});

it('shows the Conformance section with every case the kit runs', async () => {
  const text = await sectionText(page, 'Conformance', 'Changelog');
  expect(text).toContain('npx @call-control/conformance receiver http://127.0.0.1:3000/webhooks');
  const contract = readContract(spec);
  for (const { id } of [...receiverCases(contract), answeredInTimeCase(contract), ...gatewayCases(contract)])
    expect(text).toContain(id);
});

it('logged no console error on the way', () => {
  expect(docs.consoleErrors).toEqual([]);
});
