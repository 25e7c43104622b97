// The HTML pages point at their Markdown: each operation's and webhook's description opens with
// a "View as Markdown" link (checked in Chromium: visible, and answered with that page's
// Markdown), and each page's <head> names its Markdown mirror and every operation's page as
// `rel="alternate" type="text/markdown"`. And the two pages link to each other.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_LAYOUT, MOCK_GATEWAY_LAYOUT, operationFile } from '../src/agent-docs-layout.js';
import { MARKDOWN_LINK_TEXT, markdownAlternates, withMarkdownLinks } from '../src/markdown-links.js';
import { controlPlanePath, MOCK_GATEWAY_PAGE } from '../src/mock-gateway-page.js';
import { listOperations, type OpenApiDocument } from '../src/openapi-document.js';
import { docsDir, loadBundledSpec } from './support/bundled-spec.js';
import { menuOf, openBuiltDocs, openOperation, type OpenedDocs } from './support/docs-browser.js';

const spec = loadBundledSpec();
const controlPlane = JSON.parse(readFileSync(controlPlanePath, 'utf8')) as OpenApiDocument;

describe('withMarkdownLinks and markdownAlternates', () => {
  it('open every description with the link to its page, on a copy', () => {
    const linked = withMarkdownLinks(spec, API_LAYOUT);
    for (const [entry, original] of listOperations(linked).map(
      (entry, i) => [entry, listOperations(spec)[i]!] as const,
    ))
      expect(entry.operation.description).toBe(
        `[${MARKDOWN_LINK_TEXT}](${operationFile(API_LAYOUT, original)})\n\n${original.operation.description?.trimEnd()}`,
      );
    expect(JSON.stringify(spec)).not.toContain(MARKDOWN_LINK_TEXT);
  });

  it('name the mirror and every operation’s page, attributes escaped', () => {
    const document = structuredClone(spec);
    document.info.title = 'A "quoted" & <odd> API';
    const tags = markdownAlternates(document, API_LAYOUT)
      .split('\n')
      .map((line) => line.trim());
    expect(tags[0]).toBe(
      '<link rel="alternate" type="text/markdown" href="index.html.md" title="A &quot;quoted&quot; &amp; &lt;odd&gt; API (Markdown)">',
    );
    expect(tags.slice(1).map((tag) => /href="([^"]+)"/.exec(tag)?.[1])).toEqual(
      listOperations(spec).map((entry) => operationFile(API_LAYOUT, entry)),
    );
  });
});

describe.each([
  ['index.html', spec, API_LAYOUT],
  [MOCK_GATEWAY_PAGE, controlPlane, MOCK_GATEWAY_LAYOUT],
] as const)('the built %s', (pageFile, document, layout) => {
  it('names its Markdown mirror and each operation’s page in <head>', () => {
    const html = readFileSync(join(docsDir, pageFile), 'utf8');
    const head = html.slice(0, html.indexOf('</head>'));
    const alternates = [...head.matchAll(/<link rel="alternate" type="text\/markdown" href="([^"]+)"/g)].map(
      ([, href]) => href,
    );
    expect(alternates).toEqual([
      layout.markdownPage,
      ...listOperations(document).map((entry) => operationFile(layout, entry)),
    ]);
  });
});

describe('in Chromium', () => {
  let docs: OpenedDocs;
  let page: Page;
  beforeAll(async () => {
    docs = await openBuiltDocs();
    page = docs.page;
  });
  afterAll(() => docs?.close());

  it.each(listOperations(spec).map((entry) => [entry.name, entry] as const))(
    '%s shows a Markdown link that answers with its page',
    async (_, entry) => {
      const section = await openOperation(page, entry);
      const link = section.getByRole('link', { name: MARKDOWN_LINK_TEXT, exact: true });
      await link.waitFor({ state: 'visible' });
      const href = await link.evaluate((anchor) => (anchor as HTMLAnchorElement).href);
      expect(new URL(href).pathname).toBe(`/${operationFile(API_LAYOUT, entry)}`);
      const response = await page.request.get(href);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toMatch(/^text\/markdown/);
      expect((await response.text()).split('\n')[0]).toBe(`# ${entry.operation.summary}`);
    },
  );

  it('takes a reader from the reference to the mock gateway’s page and back', async () => {
    await menuOf(page).getByText(spec.info.title, { exact: true }).click();
    await page.getByRole('link', { name: controlPlane.info.title, exact: true }).first().click();
    await page.waitForURL(`**/${MOCK_GATEWAY_PAGE}`);
    await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible' });
    expect(await page.title()).toBe(`${controlPlane.info.title} ${controlPlane.info.version}`);
    await page.getByRole('link', { name: `${spec.info.title} reference`, exact: true }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/index.html'));
    expect(await page.title()).toBe(`${spec.info.title} ${spec.info.version}`);
  });

  it('logged no console error on the way', () => {
    expect(docs.consoleErrors).toEqual([]);
  });
});
