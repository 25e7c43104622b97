import { expect, it } from 'vitest';
import type { OpenApiDocument } from '../src/openapi-document.js';
import { plainText, withPlainServerDescriptions } from '../src/server-descriptions.js';
import { loadBundledSpec } from './support/bundled-spec.js';

it.each([
  ['The mock gateway (`pnpm mock`).', 'The mock gateway (pnpm mock).'],
  ['**Your** gateway, see [the docs](https://x.example).', 'Your gateway, see the docs.'],
  ['snake_case_names and 2 * 3', 'snake_case_names and 2 * 3'],
])('%s as plain text', (markdown, want) => {
  expect(plainText(markdown)).toBe(want);
});

it('leaves no Markdown in the spec’s server descriptions, and the rest of the document as it was', () => {
  const spec = loadBundledSpec();
  expect(spec.servers?.some(({ description }) => description?.includes('`'))).toBe(true);
  const plain = withPlainServerDescriptions(spec);
  for (const server of plain.servers ?? []) {
    expect(server.description).not.toMatch(/[`*[]/);
    for (const variable of Object.values(server.variables ?? {})) expect(variable.description).not.toMatch(/[`*[]/);
  }
  expect({ ...plain, servers: spec.servers }).toEqual(spec);
});

it('keeps a document without servers', () => {
  const document = { openapi: '3.1.0', info: { title: 't', version: '1' } } as OpenApiDocument;
  expect(withPlainServerDescriptions(document)).toBe(document);
});
