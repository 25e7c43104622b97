// The built page in a real, headless Chromium, served by the real docs server on 127.0.0.1,
// with every request and console error on the way recorded. Each browser test file opens its own.
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
import type { OperationEntry } from '../../src/openapi-document.js';
import { startDocsServer, type DocsServer } from '../../src/server.js';
import { builtPagePath, docsDir, resultsDir } from './bundled-spec.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export interface OpenedDocs {
  server: DocsServer;
  page: Page;
  requests: string[];
  consoleErrors: string[];
  close(): Promise<void>;
}

export async function openBuiltDocs(viewport = { width: 1400, height: 900 }, path = '/'): Promise<OpenedDocs> {
  builtPagePath();
  mkdirSync(resultsDir, { recursive: true });
  const server = await startDocsServer({ port: 0, host: '127.0.0.1', root: docsDir });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport });
    page.setDefaultTimeout(15_000);
    // Loading the page (Chromium's start, Redoc rendering the whole reference) is the slow step
    // on a CI machine whose two cores also run the other packages' suites: it gets 45 s of the
    // hook's 120, so a slow load is not reported as a missing element.
    page.setDefaultNavigationTimeout(45_000);
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    await page.goto(`${server.url}${path}`, { waitUntil: 'networkidle' });
    const opened = browser;
    const close = async () => {
      await opened.close();
      await server.close();
    };
    return { server, page, requests, consoleErrors, close };
  } catch (error) {
    await browser?.close();
    await server.close();
    throw error;
  }
}

/** The navigation. */
export const menuOf = (page: Page): Locator => page.locator('[data-component-name="Menu/Menu"]').first();

/** An introduction section as a reader sees it: from its heading to the next one (or the end). */
export async function sectionText(page: Page, heading: string, nextHeading?: string): Promise<string> {
  await menuOf(page).locator('.menu-item-type-default').getByText(heading, { exact: true }).click();
  await page.locator(`[id="section/${heading.toLowerCase().replaceAll(' ', '-')}"]`).waitFor({ state: 'visible' });
  const text = await page.locator('#api-content').innerText();
  const start = text.indexOf(`${heading}\n`);
  expect(start).toBeGreaterThanOrEqual(0);
  return text.slice(start, nextHeading === undefined ? undefined : text.indexOf(`${nextHeading}\n`, start));
}

const exactly = (text: string) => new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);

/** A tag's group in the navigation (its heading link, not the links of its operations). */
const menuGroup = (page: Page, tag: string) =>
  menuOf(page)
    .locator('.menu-item-type-group > a')
    .filter({ hasText: exactly(tag) });

/**
 * Opens a tag's group and returns the panel that lists its operations. The groups are an
 * animated accordion (opening one closes the others), so wait until the panel takes clicks
 * rather than trust an item that is still sliding away.
 */
export async function openMenuGroup(page: Page, tag: string): Promise<Locator> {
  const panel = menuGroup(page, tag).locator('xpath=following-sibling::div[1]');
  const handle = await panel.elementHandle();
  const isOpen = (element: Element | null) =>
    element !== null &&
    getComputedStyle(element).pointerEvents !== 'none' &&
    getComputedStyle(element).display !== 'none';
  // A click that lands before the page's scripts take over the menu does nothing, so a group
  // still shut a few seconds after its click is clicked again (bounded: five tries).
  for (let attempt = 1; ; attempt++) {
    if (!(await handle!.evaluate(isOpen))) await menuGroup(page, tag).click();
    try {
      await page.waitForFunction(isOpen, handle, { timeout: 5_000 });
      return panel;
    } catch (error) {
      if (attempt === 5) throw error;
    }
  }
}

/** Clicks an operation (or webhook) in the navigation and returns its section of the page. */
export async function openOperation(page: Page, entry: OperationEntry): Promise<Locator> {
  const panel = await openMenuGroup(page, entry.operation.tags?.[0] ?? '');
  const item = panel.locator('.menu-item-type-operation', { hasText: entry.operation.summary ?? '' }).locator('a');
  await item.click();
  // The link names the operation's section: href `#/commands/hangup` → id `commands/hangup`.
  const href = (await item.getAttribute('href')) ?? '';
  const section = page.locator(`[id="${href.replace(/^#\//, '')}"]`);
  await section.waitFor({ state: 'visible' });
  return section;
}
