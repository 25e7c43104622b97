// The docs for agents as `pnpm docs` wrote them, walked from the spec (not from a list): llms.txt
// in the llms.txt format linking every operation, webhook and guide section (and the mock
// gateway's operations), each linked file there and served as Markdown, and each operation's page
// stating its facts — method and path, every header, parameter and body field with its rules,
// every response with its problem types, the webhooks it triggers and when, the examples and the
// code samples; a webhook's page, what sends it and how it is signed.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { dereference } from '@call-control/spec/json-pointer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { API_LAYOUT, LLMS_FULL_TXT, LLMS_TXT, MOCK_GATEWAY_LAYOUT, operationFile } from '../src/agent-docs-layout.js';
import { codeSamplesFor } from '../src/code-samples.js';
import { controlPlanePath } from '../src/mock-gateway-page.js';
import { listOperations, type OpenApiDocument, type OperationEntry } from '../src/openapi-document.js';
import { startDocsServer, type DocsServer } from '../src/server.js';
import { builtPagePath, docsDir, loadBundledSpec } from './support/bundled-spec.js';
import { embeddedDefinition } from './support/built-page.js';
import { examplesOf, fieldFacts, problemTypesOf, requestFacts, responseStatuses } from './support/spec-facts.js';

const spec = loadBundledSpec();
const controlPlane = JSON.parse(readFileSync(controlPlanePath, 'utf8')) as OpenApiDocument;
const read = (path: string) => readFileSync(join(docsDir, path), 'utf8');
builtPagePath();
const llms = read(LLMS_TXT);
const LINK_LINE = /^- \[([^\]]+)\]\(([^)\s]+)\)(?:: (.+))?$/;
const links = llms
  .split('\n')
  .map((line) => LINK_LINE.exec(line))
  .filter((match) => match !== null)
  .map(([, title, path]) => ({ title: title!, path: path! }));
const linked = (path: string) => links.some((link) => link.path === path);

describe('llms.txt', () => {
  it('is in the llms.txt format: an H1, the summary as a blockquote, then H2 sections of links', () => {
    const [h1, blank, quote] = llms.split('\n');
    expect(h1).toBe(`# ${spec.info.title}`);
    expect(blank).toBe('');
    expect(quote).toBe(`> ${spec.info.summary}`);
    const firstSection = llms.indexOf('\n## ');
    expect(llms.slice(0, firstSection)).not.toMatch(/^#{2,} /m);
    for (const section of llms.slice(firstSection + 1).split(/^(?=## )/m)) {
      const [heading, ...lines] = section
        .trim()
        .split('\n')
        .filter((line) => line !== '');
      expect(heading).toMatch(/^## \S/);
      for (const line of lines) expect(line, `in ${heading}`).toMatch(LINK_LINE);
    }
    expect(llms).toMatch(/^## Optional$/m);
  });

  it('says what the API is in a paragraph (the introduction’s opening)', () => {
    const opening = (spec.info.description ?? '').split(/\n\s*\n/)[0]!;
    expect(llms).toContain(opening);
  });

  it('links only files the build wrote, and every Markdown page it wrote', () => {
    expect(links.length).toBeGreaterThan(10);
    for (const { path } of links) expect(existsSync(join(docsDir, path)), path).toBe(true);
    const markdown = (readdirSync(docsDir, { recursive: true }) as string[]).filter((file) => file.endsWith('.md'));
    expect(markdown.filter((file) => !linked(file))).toEqual([]);
  });

  it.each(listOperations(spec).map((entry) => [entry.kind, entry.name, entry] as const))(
    'links the %s %s',
    (_kind, _name, entry) => {
      expect(linked(operationFile(API_LAYOUT, entry))).toBe(true);
    },
  );

  it('links every operation of the mock gateway’s control plane, and its page', () => {
    expect(linked(MOCK_GATEWAY_LAYOUT.markdownPage)).toBe(true);
    for (const entry of listOperations(controlPlane))
      expect(linked(operationFile(MOCK_GATEWAY_LAYOUT, entry))).toBe(true);
  });

  it('links every section of the introduction as the page shows it, each with its text', () => {
    const description = embeddedDefinition(readFileSync(builtPagePath(), 'utf8')).info.description ?? '';
    const titles = [...description.matchAll(/^## (.+)$/gm)].map(([, title]) => title!);
    expect(titles).toEqual(expect.arrayContaining(['Install', 'Authentication', 'Webhooks', 'Changelog']));
    for (const title of titles) {
      const link = links.find(
        (candidate) => candidate.title === title && candidate.path.startsWith(`${API_LAYOUT.guide}/`),
      );
      expect(link, title).toBeDefined();
      const page = read(link!.path);
      expect(page.startsWith(`# ${title}\n\n`)).toBe(true);
      // The section's first line, as the page has it (links moved one folder down).
      const start = description.indexOf(`## ${title}\n`) + title.length + 4;
      const firstLine = description
        .slice(start)
        .split('\n')[0]!
        .replace(/\]\((?![a-z]+:)([^)]+)\)/g, '](../$1)');
      expect(page).toContain(firstLine);
    }
  });
});

describe('llms-full.txt', () => {
  const full = read(LLMS_FULL_TXT);
  it('is both pages’ Markdown mirrors in one file', () => {
    expect(full).toBe(`${read(API_LAYOUT.markdownPage)}\n${read(MOCK_GATEWAY_LAYOUT.markdownPage)}`);
  });

  it.each(listOperations(spec).map((entry) => [entry.name, entry] as const))('holds %s', (_, entry) => {
    expect(full).toContain(`\n### ${entry.operation.summary}\n`);
    for (const status of responseStatuses(entry)) expect(full).toContain(`\n##### ${status}\n`);
  });
});

function describePages(document: OpenApiDocument, layout: typeof API_LAYOUT) {
  describe.each(listOperations(document).map((entry) => [operationFile(layout, entry), entry] as const))(
    '%s',
    (path, entry: OperationEntry) => {
      const page = existsSync(join(docsDir, path)) ? read(path) : '';
      const rowOf = (name: string) => page.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));

      it('names the operation: its summary, method and path (or webhook)', () => {
        expect(page.split('\n')[0]).toBe(`# ${entry.operation.summary}`);
        expect(page).toContain(
          entry.kind === 'webhook' ? `Webhook \`${entry.name}\`` : `\`${entry.method.toUpperCase()} ${entry.name}\``,
        );
      });

      it('states every header and parameter, and every body field with its rules', () => {
        for (const { name, facts } of [...requestFacts(document, entry), ...fieldFacts(document, entry)]) {
          const row = rowOf(name);
          expect(row, `no row for ${name}`).toBeDefined();
          for (const fact of facts) expect(row, `${name}: ${fact}`).toContain(fact);
        }
      });

      it('states every response, each with its problem types', () => {
        for (const status of responseStatuses(entry)) {
          const start = page.indexOf(`\n### ${status}\n`);
          expect(start, status).toBeGreaterThan(0);
          const section = page.slice(start, page.indexOf('\n### ', start + 1));
          for (const type of problemTypesOf(document, entry, status)) expect(section, status).toContain(`\`${type}\``);
        }
      });

      it('states the webhooks it triggers and when, or what sends it and how it is signed', () => {
        const triggered = entry.operation['x-webhooks-triggered'] as
          | { webhooks: Array<{ webhook: string; max_delay_ms: number; trigger: string }> }
          | undefined;
        for (const { webhook, max_delay_ms, trigger } of triggered?.webhooks ?? []) {
          const target = listOperations(document).find((candidate) => candidate.name === webhook)!;
          const row = page.split('\n').find((line) => line.startsWith(`| [\`${webhook}\`](`));
          expect(row).toContain(`(../${operationFile(layout, target)})`);
          expect(row).toContain(`${max_delay_ms} ms`);
          expect(row).toContain(trigger);
        }
        if (entry.kind !== 'webhook') return;
        for (const command of listOperations(document)) {
          const sent = (command.operation['x-webhooks-triggered'] as typeof triggered)?.webhooks.some(
            ({ webhook }) => webhook === entry.name,
          );
          if (sent)
            expect(page).toContain(`[\`${command.operation.operationId}\`](../${operationFile(layout, command)})`);
        }
        const signature = page.slice(page.indexOf('\n## Signature\n'));
        for (const parameter of entry.operation.parameters ?? []) {
          const { name, description } = dereference<{ name: string; description: string }>(document, parameter);
          expect(signature).toContain(`**\`${name}\`**: ${description.trim()}`);
        }
      });

      it('shows every example and every code sample', () => {
        for (const value of examplesOf(document, entry)) expect(page).toContain(JSON.stringify(value, null, 2));
        const samples = document === spec ? codeSamplesFor(spec, entry) : [];
        for (const { source } of samples) expect(page).toContain(source.trimEnd());
      });
    },
  );
}

describe('the API’s pages', () => describePages(spec, API_LAYOUT));
describe('the mock gateway’s pages', () => describePages(controlPlane, MOCK_GATEWAY_LAYOUT));

describe('served by the docs server', () => {
  let server: DocsServer;
  beforeAll(async () => {
    server = await startDocsServer({ port: 0, host: '127.0.0.1', root: docsDir });
  });
  afterAll(() => server?.close());

  it('as text: llms.txt as plain text, each page as Markdown', async () => {
    const index = await fetch(`${server.url}/${LLMS_TXT}`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(await index.text()).toBe(llms);
    for (const { path } of links.filter((link) => link.path.endsWith('.md'))) {
      const response = await fetch(`${server.url}/${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-type'), path).toMatch(/^text\/markdown/);
      expect(await response.text()).toBe(read(path));
    }
  });
});
