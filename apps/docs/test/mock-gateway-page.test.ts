// The docs' second page, "Mock gateway": the control plane's own OpenAPI document rendered
// beside the API reference — built as the main page is (checked here on the built files), and
// read in a real, headless Chromium from the real docs server on 127.0.0.1.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findExternalReferences } from '../src/external-references.js';
import { MOCK_GATEWAY_LAYOUT, operationFile } from '../src/agent-docs-layout.js';
import { MARKDOWN_LINK_TEXT } from '../src/markdown-links.js';
import { backLink, controlPlanePath, MOCK_GATEWAY_DOCUMENT, MOCK_GATEWAY_PAGE } from '../src/mock-gateway-page.js';
import { listOperations, type OpenApiDocument } from '../src/openapi-document.js';
import { embeddedDefinition, embeddedOptions } from './support/built-page.js';
import { builtPagePath, docsDir, loadBundledSpec, resultsDir } from './support/bundled-spec.js';
import { openBuiltDocs, type OpenedDocs } from './support/docs-browser.js';

const controlPlane = JSON.parse(readFileSync(controlPlanePath, 'utf8')) as OpenApiDocument;
const operations = listOperations(controlPlane);
builtPagePath(); // the docs are built (the test task runs after the build)
const html = readFileSync(join(docsDir, MOCK_GATEWAY_PAGE), 'utf8');

describe('the built Mock gateway page', () => {
  it('is titled with the control plane document’s title and version', () => {
    expect(controlPlane.info.title).toBe('Mock gateway');
    expect(html).toContain(`<title>Mock gateway ${controlPlane.info.version}</title>`);
  });

  it('renders the control plane’s document with its Markdown links, and offers it beside the page byte for byte', () => {
    const shown = embeddedDefinition(html);
    for (const entry of listOperations(shown)) {
      const original = operations.find((candidate) => candidate.operation.operationId === entry.operation.operationId)!;
      const link = `[${MARKDOWN_LINK_TEXT}](${operationFile(MOCK_GATEWAY_LAYOUT, original)})`;
      expect(entry.operation.description?.startsWith(`${link}\n\n`), entry.name).toBe(true);
      entry.operation.description = original.operation.description;
    }
    expect(shown.paths).toEqual(controlPlane.paths);
    expect(shown.info.description).toBe(
      `${backLink(loadBundledSpec().info.title)}\n\n${controlPlane.info.description}`,
    );
    expect(embeddedOptions(html).downloadUrls?.map(({ url }) => url)).toEqual([MOCK_GATEWAY_DOCUMENT]);
    expect(readFileSync(join(docsDir, MOCK_GATEWAY_DOCUMENT)).equals(readFileSync(controlPlanePath))).toBe(true);
  });

  it('loads nothing from elsewhere, and keeps Redoc’s telemetry off', () => {
    expect(findExternalReferences(html)).toEqual([]);
    expect(embeddedOptions(html).disableTelemetry).toBe(true);
  });
});

describe('the Mock gateway page in Chromium', () => {
  let docs: OpenedDocs;
  let page: Page;

  beforeAll(async () => {
    docs = await openBuiltDocs(undefined, `/${MOCK_GATEWAY_PAGE}`);
    page = docs.page;
  });
  afterAll(() => docs?.close());

  const menu = () => page.locator('[data-component-name="Menu/Menu"]').first();

  it('is headed "Mock gateway" and introduces the workbench', async () => {
    expect(await page.title()).toBe(`Mock gateway ${controlPlane.info.version}`);
    expect(await page.getByRole('heading', { level: 1 }).first().innerText()).toMatch(/^Mock gateway/);
    for (const section of [
      'The inspector',
      'The delivery journal',
      'The request journal',
      'Pages, cursors and waits (both journals)',
      'Reset',
      'The event stream',
      'Chaos, for receivers',
      'Credentials',
    ]) {
      await menu().locator('.menu-item-type-default').getByText(section, { exact: true }).waitFor({ state: 'visible' });
    }
  });

  it('lists every operation of the control plane under its tag', async () => {
    expect(operations.map(({ operation }) => operation.operationId)).toEqual([
      'getInspector',
      'streamEvents',
      'listDeliveries',
      'resendDelivery',
      'listRequests',
      'countRequests',
      'reset',
      'createSession',
      'getSession',
      'remoteHangup',
    ]);
    for (const tag of ['Deliveries', 'Events', 'Inspector', 'Requests', 'Reset', 'Sessions']) {
      await menu().locator('.menu-item-type-group > a').filter({ hasText: tag }).first().click();
      for (const { operation } of operations.filter((entry) => entry.operation.tags?.[0] === tag)) {
        await menu()
          .locator('.menu-item-type-operation', { hasText: operation.summary! })
          .first()
          .waitFor({ state: 'visible' });
      }
    }
  });

  it('shows the journal’s delivery schema and its example', async () => {
    const group = menu().locator('.menu-item-type-group > a').filter({ hasText: 'Deliveries' }).first();
    await group.click();
    await menu()
      .locator('.menu-item-type-operation', { hasText: 'Read the delivery journal' })
      .first()
      .locator('a')
      .click();
    const text = await page.locator('#api-content').innerText();
    for (const word of ['session', 'type', 'operation', 'deliveries', 'attempts']) expect(text).toContain(word);
    await page.screenshot({ path: join(resultsDir, 'docs-mock-gateway.png') });
  });

  it('logged no console error and sent no request beyond 127.0.0.1', () => {
    expect(docs.consoleErrors).toEqual([]);
    const origin = new URL(docs.server.url).origin;
    expect(docs.requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin)).toEqual([]);
  });
});
