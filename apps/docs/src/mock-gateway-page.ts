// The second document of the docs: the mock gateway's control plane (`/__mock/…`), described
// by its own OpenAPI document in @call-control/mock-gateway, rendered as "Mock gateway" into
// mock-gateway.html beside the API reference, with that document beside it to download. Held
// to the same rules as the main page: Redoc inlined, the logo inline, nothing fetched from
// elsewhere.
import { copyFile, readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findExternalReferences } from './external-references.js';
import type { OpenApiDocument } from './openapi-document.js';
import { inlineRedoclyLogos } from './redocly-logo.js';

export const MOCK_GATEWAY_PAGE = 'mock-gateway.html';
export const MOCK_GATEWAY_DOCUMENT = 'mock-gateway.openapi.json';
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
) => Promise<void>;

/** Renders the page in `workDir` and writes it, with the document, into `outDir`; returns the files written. */
export async function buildMockGatewayPage(
  render: Render,
  workDir: string,
  outDir: string,
  documentPath = controlPlanePath,
): Promise<string[]> {
  const spec = JSON.parse(await readFile(documentPath, 'utf8')) as OpenApiDocument;
  const pagePath = join(workDir, MOCK_GATEWAY_PAGE);
  await render(documentPath, pagePath, spec, mockGatewayConfigPath);
  const page = inlineRedoclyLogos(await readFile(pagePath, 'utf8'));
  const external = findExternalReferences(page);
  if (external.length > 0) {
    throw new Error(
      `the mock gateway page would fetch from the internet as it loads:\n${external.map(({ where, url }) => `  ${where} ${url}`).join('\n')}`,
    );
  }
  await writeFile(join(outDir, MOCK_GATEWAY_PAGE), page);
  await copyFile(documentPath, join(outDir, MOCK_GATEWAY_DOCUMENT));
  return [MOCK_GATEWAY_PAGE, MOCK_GATEWAY_DOCUMENT];
}
