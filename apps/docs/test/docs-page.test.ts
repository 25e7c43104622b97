// The built page in a real, headless Chromium, served by the real docs server on 127.0.0.1.
// Redoc 3 renders as you navigate, so the test clicks through the navigation as a reader does,
// and records every request and console message on the way.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledSpecJsonPath, bundledSpecYamlPath } from '@call-control/spec';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { codeSamplesFor } from '../src/code-samples.js';
import { dereference } from '@call-control/spec/json-pointer';
import {
  listOperations,
  type OperationEntry,
  type ParameterObject,
  type RequestBodyObject,
} from '../src/openapi-document.js';
import { loadBundledSpec, resultsDir } from './support/bundled-spec.js';
import { menuOf, openBuiltDocs, openMenuGroup, openOperation, type OpenedDocs } from './support/docs-browser.js';

const spec = loadBundledSpec();
const operations = listOperations(spec);
const commands = operations.filter((entry) => entry.kind === 'path');
const webhooks = operations.filter((entry) => entry.kind === 'webhook');
const tagOf = (entry: OperationEntry) => entry.operation.tags?.[0] ?? '';
const summaryOf = (entry: OperationEntry) => entry.operation.summary ?? '';
const label = (entry: OperationEntry) => `${entry.operation.operationId}`;

let docs: OpenedDocs;
let page: Page;

beforeAll(async () => {
  docs = await openBuiltDocs();
  page = docs.page;
});
afterAll(() => docs?.close());

const menu = () => menuOf(page);
const openGroup = (tag: string) => openMenuGroup(page, tag);
const open = (entry: OperationEntry) => openOperation(page, entry);

/** Picks a code sample language in the section's request panel and returns the code shown. */
async function sampleIn(section: Locator, language: string): Promise<string> {
  await section.getByRole('button', { name: /^(curl|TypeScript)$/ }).click();
  await page.getByRole('menuitem', { name: language, exact: true }).click();
  const code = section.locator('pre[data-testid="source-code"]').first();
  await expect.poll(() => code.innerText()).toContain(language === 'curl' ? 'curl -X' : 'createCallControlClient');
  return code.innerText();
}

describe('the docs page', () => {
  it('is titled with the spec’s title and version', async () => {
    expect(await page.title()).toBe(`${spec.info.title} ${spec.info.version}`);
    const heading = page.getByRole('heading', { level: 1 }).first();
    expect(await heading.innerText()).toMatch(
      new RegExp(`${spec.info.title}\\s*\\(${spec.info.version.replaceAll('.', '\\.')}\\)`),
    );
  });

  it('credits Redocly with the inline logo, drawn without a fetch', async () => {
    const logo = page.locator('img[alt="redocly logo"]');
    await logo.waitFor({ state: 'visible' });
    expect(await logo.getAttribute('src')).toMatch(/^data:image\/svg\+xml,/);
    await page.waitForFunction(
      (image) => image instanceof HTMLImageElement && image.complete && image.naturalWidth > 0,
      await logo.elementHandle(),
    );
  });

  it('introduces every section of the spec’s description in the navigation', async () => {
    const sections = [...(spec.info.description ?? '').matchAll(/^## (.+)$/gm)].map((match) => match[1]!);
    expect(sections).toEqual(
      expect.arrayContaining(['Authentication', 'Deferred results', 'Idempotency', 'Webhooks', 'Rate limits']),
    );
    for (const section of sections) {
      await menu().locator('.menu-item-type-default').getByText(section, { exact: true }).waitFor({ state: 'visible' });
    }
  });

  it('names both auth headers in its Authentication section', async () => {
    const headers = Object.values(spec.components?.securitySchemes ?? {}).map(
      (scheme) => (scheme as { name: string }).name,
    );
    expect(headers).toEqual(['X-App-ID', 'X-API-Key']);
    await menu().locator('.menu-item-type-default').getByText('Authentication', { exact: true }).click();
    await page.locator('[id="section/authentication"]').waitFor({ state: 'visible' });
    // The section as a reader sees it: from its heading to the next one.
    const text = await page.locator('#api-content').innerText();
    const section = text.slice(text.indexOf('Authentication\n'), text.indexOf('Deferred results\n'));
    expect(section.length).toBeGreaterThan('Authentication'.length);
    for (const header of headers) expect(section).toContain(header);
  });

  it.each([
    ['openapi.yaml', bundledSpecYamlPath],
    ['openapi.json', bundledSpecJsonPath],
  ])('links %s, which answers 200 with the bundled spec', async (file, bundlePath) => {
    await menu().getByText(spec.info.title, { exact: true }).click();
    const link = page.locator(`a[href="${file}"]`).first();
    await link.waitFor({ state: 'visible' });
    const response = await page.request.get(new URL((await link.getAttribute('href'))!, page.url()).href);
    expect(response.status()).toBe(200);
    expect((await response.body()).equals(readFileSync(bundlePath))).toBe(true);
  });

  it.each(['Commands', 'Webhooks'])('lists exactly the spec’s operations under %s', async (tag) => {
    const want = operations.filter((entry) => tagOf(entry) === tag).map(summaryOf);
    expect(want.length).toBeGreaterThan(0);
    const items = (await openGroup(tag)).locator('.menu-item-type-operation');
    await items.first().waitFor({ state: 'visible' });
    const shown = await items.evaluateAll((elements) =>
      elements.map(
        (element) => element.querySelector('[data-text]')?.getAttribute('data-text') ?? element.textContent ?? '',
      ),
    );
    expect(shown).toEqual(want);
  });

  it('lists every operation and webhook of the spec, and nothing else', () => {
    expect(commands.map(label)).toEqual(
      Object.values<{ post: { operationId: string } }>(spec.paths as never).map((item) => item.post.operationId),
    );
    expect(webhooks.map((entry) => entry.name)).toEqual(Object.keys(spec.webhooks ?? {}));
    expect(new Set(operations.map(tagOf))).toEqual(new Set(['Commands', 'Webhooks']));
  });

  describe.each(commands.map((entry) => [label(entry), entry] as const))('command %s', (_, entry) => {
    let section: Locator;
    beforeAll(async () => {
      section = await open(entry);
    });

    it('shows the request schema with command_uid’s pattern', async () => {
      const body = dereference<RequestBodyObject>(spec, entry.operation.requestBody!);
      const schema = dereference<{ properties: Record<string, unknown> }>(
        spec,
        body.content['application/json']!.schema as never,
      );
      const { pattern } = dereference<{ pattern: string }>(spec, schema.properties.command_uid as never);
      expect(pattern).toBe('^[a-zA-Z0-9._-]+$');
      // The pattern as Redoc shows it beside the type, not the copy in the description's prose.
      const row = section.locator('[id$="t=request&path=command_uid"] > div').first();
      await row.getByText(pattern, { exact: true }).waitFor({ state: 'visible' });
      expect(await row.innerText()).toContain('command_uid');
    });

    it('shows which webhooks it triggers and when', async () => {
      await section.getByRole('heading', { name: 'Triggered webhooks' }).waitFor({ state: 'visible' });
      const triggered = entry.operation['x-webhooks-triggered'] as {
        webhooks: Array<{ webhook: string; max_delay_ms: number }>;
      };
      for (const { webhook, max_delay_ms } of triggered.webhooks) {
        expect(await section.locator('li', { hasText: webhook }).first().innerText()).toContain(
          `within ${max_delay_ms} ms`,
        );
      }
    });

    it('shows every response, errors included, and the auth it needs', async () => {
      const codes = Object.keys(entry.operation.responses ?? {});
      expect(codes).toEqual(
        expect.arrayContaining(['202', '400', '401', '404', '409', '413', '415', '422', '429', '500', '503']),
      );
      const responses = (await section.locator('[id$="/responses"]').first().innerText()).split(/\s+/);
      for (const code of codes) expect(responses, code).toContain(code);
      const text = await section.innerText();
      for (const scheme of Object.keys(spec.security?.[0] ?? {})) expect(text).toContain(scheme);
    });

    it('shows the generated curl and TypeScript samples', async () => {
      const [curl, typescript] = codeSamplesFor(spec, entry);
      expect((await sampleIn(section, 'curl')).trim()).toBe(curl!.source.trim());
      expect((await sampleIn(section, 'TypeScript')).trim()).toBe(typescript!.source.trim());
    });
  });

  describe.each(webhooks.map((entry) => [entry.name, entry] as const))('webhook %s', (_, entry) => {
    it('shows its signature headers and its payload', async () => {
      const section = await open(entry);
      const headers = (entry.operation.parameters ?? []).map(
        (parameter) => dereference<ParameterObject>(spec, parameter).name,
      );
      expect(headers).toEqual(['webhook-id', 'webhook-timestamp', 'webhook-signature']);
      for (const header of headers)
        await section
          .locator(`[id*="t=request&in=header"][id$="&path=${header}"]`)
          .first()
          .waitFor({ state: 'visible' });
      const body = dereference<RequestBodyObject>(spec, entry.operation.requestBody!);
      const schema = dereference<{ required: string[] }>(spec, body.content['application/json']!.schema as never);
      for (const property of schema.required)
        await section.locator(`[id$="t=request&path=${property}"]`).first().waitFor({ state: 'visible' });
    });
  });

  it('writes screenshots (test-results/docs-overview.png full page, docs-hangup.png)', async () => {
    await menu().getByText(spec.info.title, { exact: true }).click();
    await page.getByRole('heading', { level: 1 }).first().waitFor({ state: 'visible' });
    const overview = join(resultsDir, 'docs-overview.png');
    expect((await page.screenshot({ path: overview, fullPage: true })).length).toBeGreaterThan(10_000);
    await open(commands.find((entry) => entry.operation.operationId === 'hangup')!);
    expect((await page.screenshot({ path: join(resultsDir, 'docs-hangup.png') })).length).toBeGreaterThan(10_000);
  });

  it('logged no console error on the way', () => {
    expect(docs.consoleErrors).toEqual([]);
  });

  it('sent no request beyond 127.0.0.1 on the way', () => {
    const origin = new URL(docs.server.url).origin;
    expect(docs.requests.length).toBeGreaterThan(0);
    // blob: URLs carry the page's origin; data: URLs never leave the page.
    const elsewhere = docs.requests.filter((url) => !url.startsWith('data:') && new URL(url).origin !== origin);
    expect(elsewhere).toEqual([]);
  });
});
