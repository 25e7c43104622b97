// The introduction of the built page in real Chromium: it says its first sentence once, then
// shows how to install the packages (and reads well doing so on a phone and a desktop), and
// ends with the contract's changelog; the servers' descriptions show as text.
import { join } from 'node:path';
import { answeredInTimeCase, gatewayCases, readContract, receiverCases } from '@call-control/conformance';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readContractChangelog } from '../src/changelog-section.js';
import { installSection, PUBLISHED_PACKAGES } from '../src/install-section.js';
import { listOperations } from '../src/openapi-document.js';
import { loadBundledSpec, resultsDir } from './support/bundled-spec.js';
import { menuOf, openBuiltDocs, openOperation, sectionText, type OpenedDocs } from './support/docs-browser.js';

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

it('shows the Install section: not on npm yet, the commands that install the tarballs, every package', async () => {
  const text = await sectionText(page, 'Install', 'Authentication');
  const commands = [...installSection(spec.info.version).matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map(([, code]) =>
    code!.trim(),
  );
  expect(commands).toEqual([
    expect.stringMatching(/^git clone /),
    expect.stringMatching(/^T=.+\nnpm install \\\n/),
    expect.stringMatching(/^npm install --save-dev \\\n/),
    expect.stringMatching(/^npm install --save-dev \\\n.*\nnpx call-control-conformance receiver /),
  ]);
  expect(text).toContain('They are not on npm yet.');
  for (const command of commands) expect(text).toContain(command);
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

it('shows each server’s description as text, without Markdown’s punctuation', async () => {
  await openOperation(page, listOperations(spec).find((entry) => entry.kind === 'path')!);
  const shown = await page.locator('[data-testid="server-panel-item-name"]').allInnerTexts();
  expect(shown.length).toBeGreaterThan(0);
  for (const description of shown) expect(description).not.toMatch(/[`*]/);
  expect(shown).toContainEqual(expect.stringContaining('pnpm mock'));
});

// The Install section where it is narrowest: a phone (390 px) and a desktop (1280 px), where
// Redoc's middle column beside the samples panel is about as narrow. Measured, and photographed
// into test-results/.
describe.each([390, 1280])('the Install section at %i px', (width) => {
  let narrow: OpenedDocs;
  beforeAll(async () => {
    narrow = await openBuiltDocs({ width, height: 900 }, '/#/section/install');
    // Rendering the whole reference is slow on a loaded machine too: what is checked here is the layout, not the time.
    await narrow.page.locator('[id="section/install"]').waitFor({ state: 'visible', timeout: 45_000 });
  });
  afterAll(() => narrow?.close());

  /** The section's elements, from its heading to the next one. */
  const inSection = (selector: string) => narrow.page.locator(`[data-section-id="/section/install"] ${selector}`);

  it('shows every command whole: no block hides text past its edge', async () => {
    const blocks = await inSection('pre').evaluateAll((elements) =>
      elements.map((element) => ({
        text: element.textContent ?? '',
        scroll: element.scrollWidth,
        client: element.clientWidth,
      })),
    );
    expect(blocks).toHaveLength([...installSection(spec.info.version).matchAll(/^```sh$/gm)].length);
    for (const { text, scroll, client } of blocks) expect(scroll, text).toBeLessThanOrEqual(client);
  });

  it('keeps the packages table inside the column, no column narrow, no name broken mid-word', async () => {
    const table = inSection('table').first();
    const { scroll, client, columns } = await table.evaluate((element) => ({
      scroll: element.scrollWidth,
      client: (element.parentElement as HTMLElement).clientWidth,
      columns: [...(element as HTMLTableElement).rows[0]!.cells].map((cell) => cell.getBoundingClientRect().width),
    }));
    expect(scroll).toBeLessThanOrEqual(client);
    expect(columns).toHaveLength(2);
    for (const column of columns) expect(column).toBeGreaterThan(120);
    // A package name wraps, if at all, after a hyphen: no more lines than hyphen-separated parts.
    const names = await table.locator('td code').evaluateAll((elements) =>
      elements.map((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        const lines = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
        return { name: element.textContent ?? '', lines };
      }),
    );
    expect(names.map(({ name }) => name)).toEqual(PUBLISHED_PACKAGES);
    for (const { name, lines } of names) expect(lines, name).toBeLessThanOrEqual(name.split('-').length);
  });

  it('fits the page: nothing wider than the window', async () => {
    expect(await narrow.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
  });

  it(`writes test-results/docs-install-${width}.png`, async () => {
    const heading = await narrow.page.locator('[id="section/install"]').boundingBox();
    const next = await narrow.page.locator('[id="section/authentication"]').boundingBox();
    const path = join(resultsDir, `docs-install-${width}.png`);
    const clip = { x: 0, y: heading!.y, width, height: next!.y - heading!.y };
    expect((await narrow.page.screenshot({ path, fullPage: true, clip })).length).toBeGreaterThan(10_000);
  });

  it('logged no console error', () => {
    expect(narrow.consoleErrors).toEqual([]);
  });
});
