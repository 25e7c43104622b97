import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bundledSpecJsonPath, bundledSpecYamlPath, callFlowsPath } from '@call-control/spec';
import { describe, expect, it } from 'vitest';
import { buildDocs } from '../src/build-docs.js';
import { CALL_FLOWS_FILE, publishCallFlows } from '../src/call-flows.js';
import { changelogSection, readContractChangelog } from '../src/changelog-section.js';
import { codeSamplesFor, SAMPLE_LANGUAGES } from '../src/code-samples.js';
import { API_LAYOUT, operationFile } from '../src/agent-docs-layout.js';
import { installSection } from '../src/install-section.js';
import { MARKDOWN_LINK_TEXT } from '../src/markdown-links.js';
import { listOperations } from '../src/openapi-document.js';
import { REDOCLY_CDN_LOGOS } from '../src/redocly-logo.js';
import { withPlainServerDescriptions } from '../src/server-descriptions.js';
import { builtPagePath, docsDir, loadBundledSpec } from './support/bundled-spec.js';
import { embeddedDefinition, embeddedOptions } from './support/built-page.js';

const spec = loadBundledSpec();

describe('the built docs (pnpm docs)', () => {
  const html = readFileSync(builtPagePath(), 'utf8');

  it.each([
    ['openapi.json', bundledSpecJsonPath],
    ['openapi.yaml', bundledSpecYamlPath],
  ])('offer %s: the bundled spec, byte for byte', (name, bundlePath) => {
    expect(readFileSync(join(docsDir, name)).equals(readFileSync(bundlePath))).toBe(true);
  });

  it('link those downloads relatively, so the page works wherever dist/ is served', () => {
    const { downloadUrls = [] } = embeddedOptions(html);
    expect(downloadUrls.map(({ url }) => url)).toEqual(['openapi.yaml', 'openapi.json']);
    for (const { url } of downloadUrls) expect(existsSync(join(docsDir, url)), url).toBe(true);
  });

  it('carry the title and version of the spec, and its summary as the description', () => {
    expect(html).toContain(`<title>${spec.info.title} ${spec.info.version}</title>`);
    expect(html).toContain(`<meta name="description" content="${spec.info.summary}">`);
  });

  it('switch Redoc’s in-page telemetry off', () => {
    expect(embeddedOptions(html).disableTelemetry).toBe(true);
  });

  it('show the curl, TypeScript and Python tabs, in that order', () => {
    expect(embeddedOptions(html).codeSamples?.languages.map(({ lang }) => lang)).toEqual([
      SAMPLE_LANGUAGES.curl,
      SAMPLE_LANGUAGES.typescript,
      SAMPLE_LANGUAGES.python,
    ]);
  });

  it('link the call flows from the introduction, and offer them pointing at the openapi.json beside them', () => {
    const { text, workflows } = publishCallFlows(readFileSync(callFlowsPath, 'utf8'));
    expect(workflows.map(({ workflowId }) => workflowId)).toEqual([
      'answerThenHangUp',
      'disconnect',
      'idempotentReplay',
      'badInput',
      'unauthenticated',
    ]);
    const description = embeddedDefinition(html).info.description ?? '';
    expect(description).toContain(`[${CALL_FLOWS_FILE}](${CALL_FLOWS_FILE})`);
    for (const { workflowId, summary } of workflows) expect(description).toContain(`- \`${workflowId}\`: ${summary}`);
    expect(readFileSync(join(docsDir, CALL_FLOWS_FILE), 'utf8')).toBe(text);
    expect(text).toMatch(/^ {4}url: openapi\.json$/m);
  });

  it('introduce the page with the fresh Install and Changelog sections', () => {
    const description = embeddedDefinition(html).info.description ?? '';
    expect(description).toContain(`\n\n${installSection(spec.info.version)}\n\n## `);
    expect(description.endsWith(`\n\n${changelogSection(readContractChangelog())}\n`)).toBe(true);
  });

  it('render the bundled spec plus code samples and Markdown links generated from it, and nothing else', () => {
    const definition = embeddedDefinition(html);
    // The introduction gains the Install, call flows and Changelog sections (checked above and
    // in introduction.test.ts) and loses the summary line, and nothing else changes.
    expect(definition.info).not.toHaveProperty('summary');
    definition.info.description = spec.info.description;
    definition.info.summary = spec.info.summary;
    for (const entry of listOperations(definition)) {
      const original = listOperations(spec).find(
        (candidate) => candidate.name === entry.name && candidate.method === entry.method,
      )!;
      const fresh = codeSamplesFor(spec, original);
      expect(entry.operation['x-codeSamples'], `${entry.name}: stale samples; run \`pnpm docs\``).toEqual(fresh);
      delete entry.operation['x-codeSamples'];
      // Each description opens with the link to its Markdown page (markdown-links.test.ts).
      const link = `[${MARKDOWN_LINK_TEXT}](${operationFile(API_LAYOUT, original)})`;
      expect(entry.operation.description?.startsWith(`${link}\n\n`), entry.name).toBe(true);
      entry.operation.description = original.operation.description;
    }
    // Server descriptions as the plain text Redoc shows them (server-descriptions.test.ts).
    expect(definition.servers).toEqual(withPlainServerDescriptions(spec).servers);
    definition.servers = spec.servers;
    expect(definition).toEqual(spec);
  });

  it('draw the sidebar’s Redocly logo inline, not from Redocly’s CDN', () => {
    for (const cdnUrl of Object.keys(REDOCLY_CDN_LOGOS)) expect(html).not.toContain(cdnUrl);
    for (const inline of Object.values(REDOCLY_CDN_LOGOS)) expect(html).toContain(inline);
  });
});

describe('buildDocs', () => {
  it('refuses to publish a page that would fetch from the internet as it loads', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'docs-build-'));
    try {
      // Markdown in a description renders into the page: an image from elsewhere is a load.
      const tracked = structuredClone(spec);
      tracked.info.description = `${tracked.info.description}\n\n![pixel](https://tracker.example.com/pixel.png)\n`;
      const specJsonPath = join(dir, 'openapi.json');
      writeFileSync(specJsonPath, JSON.stringify(tracked));
      const outDir = join(dir, 'site');

      const build = buildDocs({ specJsonPath, specYamlPath: bundledSpecYamlPath, outDir });
      await expect(build).rejects.toThrow(/would fetch from the internet as it loads:\n/);
      await expect(build).rejects.toThrow(/^ {2}<img src> https:\/\/tracker\.example\.com\/pixel\.png$/m);
      expect(existsSync(outDir)).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
