// The second document of the docs: the mock gateway's control plane (`/__mock/…`), described
// by its own OpenAPI document in @call-control/mock-gateway, rendered as "Mock gateway" into
// mock-gateway.html beside the API reference (and linking back to it), with that document beside
// it to download. Held to the same rules as the main page: Redoc inlined, the logo inline,
// nothing fetched from elsewhere, a Markdown link for each operation.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MOCK_GATEWAY_LAYOUT } from './agent-docs-layout.js';
import { findExternalReferences } from './external-references.js';
import { markdownAlternates, withMarkdownLinks } from './markdown-links.js';
import type { OpenApiDocument } from './openapi-document.js';
import { inlineRedoclyLogos } from './redocly-logo.js';
import { withPlainServerDescriptions } from './server-descriptions.js';

export const MOCK_GATEWAY_PAGE = 'mock-gateway.html';
export const MOCK_GATEWAY_DOCUMENT = 'mock-gateway.openapi.json';
/** The API reference, which the page links back to. */
export const API_PAGE = 'index.html';
/** Redoc's options for this page: its own download link (redocly.yaml's name the API's bundle). */
const mockGatewayConfigPath = fileURLToPath(new URL('../redocly.mock-gateway.yaml', import.meta.url));
/** The control plane's bundled document, as the mock gateway's build writes it. */
export const controlPlanePath = createRequire(import.meta.url).resolve('@call-control/mock-gateway/control-plane.json');

/** Renders a definition into a page with Redocly (build-docs' own step, with a config). */
export type Render = (
  definitionPath: string,
  pagePath: string,
  spec: OpenApiDocument,
  configPath: string,
  alternates: string,
) => Promise<void>;

/** The opening line of the page's introduction: where it belongs. */
export const backLink = (apiTitle: string) => `Part of the [${apiTitle} reference](${API_PAGE}).`;

/**
 * Renders the page in `workDir` and writes it, with the document, into `outDir`; returns the
 * files written and the document (as the download has it).
 */
export async function buildMockGatewayPage(
  render: Render,
  workDir: string,
  outDir: string,
  apiTitle: string,
  documentPath = controlPlanePath,
): Promise<{ files: string[]; document: OpenApiDocument }> {
  const spec = JSON.parse(await readFile(documentPath, 'utf8')) as OpenApiDocument;
  const shown = withPlainServerDescriptions(withMarkdownLinks(spec, MOCK_GATEWAY_LAYOUT));
  shown.info = { ...shown.info, description: `${backLink(apiTitle)}\n\n${shown.info.description ?? ''}` };
  const definitionPath = join(workDir, `shown-${MOCK_GATEWAY_DOCUMENT}`);
  await writeFile(definitionPath, JSON.stringify(shown));
  const pagePath = join(workDir, MOCK_GATEWAY_PAGE);
  await render(definitionPath, pagePath, spec, mockGatewayConfigPath, markdownAlternates(spec, MOCK_GATEWAY_LAYOUT));
  const page = inlineRedoclyLogos(await readFile(pagePath, 'utf8'));
  const external = findExternalReferences(page);
  if (external.length > 0) {
    throw new Error(
      `the mock gateway page would fetch from the internet as it loads:\n${external.map(({ where, url }) => `  ${where} ${url}`).join('\n')}`,
    );
  }
  await writeFile(join(outDir, MOCK_GATEWAY_PAGE), page);
  await copyFile(documentPath, join(outDir, MOCK_GATEWAY_DOCUMENT));
  return { files: [MOCK_GATEWAY_PAGE, MOCK_GATEWAY_DOCUMENT], document: spec };
}
