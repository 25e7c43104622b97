// The built page in a real, headless Chromium, served by the real docs server on 127.0.0.1,
// with every request and console error on the way recorded. Each browser test file opens its own.
import { mkdirSync } from 'node:fs';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect } from 'vitest';
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

export async function openBuiltDocs(): Promise<OpenedDocs> {
  builtPagePath();
  mkdirSync(resultsDir, { recursive: true });
  const server = await startDocsServer({ port: 0, host: '127.0.0.1', root: docsDir });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    page.setDefaultTimeout(15_000);
    const requests: string[] = [];
    const consoleErrors: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(`uncaught: ${error.message}`));
    await page.goto(`${server.url}/`, { waitUntil: 'networkidle' });
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
