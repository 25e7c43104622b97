// `pnpm docs`: the published reference. Redocly CLI's build-docs renders the bundled spec, with the
// code samples added at build time, into one self-contained index.html (Redoc inlined, no CDN,
// no web fonts, no telemetry); the bundle itself is copied beside it to download, and the same
// content as Markdown for agents (llms.txt, llms-full.txt, a page per operation and webhook).
import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { bundledSpecJsonPath, bundledSpecYamlPath, callFlowsPath } from '@call-control/spec';
import { API_LAYOUT } from './agent-docs-layout.js';
import { type AgentFile, agentDocs } from './agent-docs.js';
import { CALL_FLOWS_FILE, publishCallFlows, withCallFlows } from './call-flows.js';
import { changelogSection, readContractChangelog } from './changelog-section.js';
import { conformanceSection } from './conformance-section.js';
import { withCodeSamples } from './code-samples.js';
import { findExternalReferences } from './external-references.js';
import { installSection } from './install-section.js';
import { withIntroduction } from './introduction.js';
import { markdownAlternates, withMarkdownLinks } from './markdown-links.js';
import { buildMockGatewayPage, MOCK_GATEWAY_DOCUMENT } from './mock-gateway-page.js';
import type { OpenApiDocument } from './openapi-document.js';
import { inlineRedoclyLogos } from './redocly-logo.js';
import { withPlainServerDescriptions } from './server-descriptions.js';
import { tryItConfig, withTryItPanels, withTryItScript } from './try-it.js';

const appDir = fileURLToPath(new URL('..', import.meta.url));
const redoclyCli = createRequire(import.meta.url).resolve('@redocly/cli/bin/cli.js');

/** Where `pnpm docs` writes the site. */
export const defaultDocsDir = join(appDir, 'dist');

export interface BuildDocsOptions {
  /** The bundled spec, JSON (default: `@call-control/spec`'s `dist/openapi.json`). */
  specJsonPath?: string;
  /** The same bundle as YAML, copied beside the page (default: `dist/openapi.yaml`). */
  specYamlPath?: string;
  /** Emptied, then filled with index.html, openapi.json, openapi.yaml and the call flows. */
  outDir?: string;
}

export interface BuiltDocs {
  indexPath: string;
  /** The files written, relative to outDir. */
  files: string[];
  pageBytes: number;
  durationMs: number;
}

export async function buildDocs(options: BuildDocsOptions = {}): Promise<BuiltDocs> {
  const started = performance.now();
  const { specJsonPath = bundledSpecJsonPath, specYamlPath = bundledSpecYamlPath, outDir = defaultDocsDir } = options;
  const spec = JSON.parse(await readFile(specJsonPath, 'utf8')) as OpenApiDocument;

  const workDir = await mkdtemp(join(tmpdir(), 'call-control-docs-'));
  try {
    const definitionPath = join(workDir, 'openapi.json');
    const pagePath = join(workDir, 'index.html');
    const callFlows = publishCallFlows(await readFile(callFlowsPath, 'utf8'));
    const introduction = {
      install: installSection(spec.info.version),
      conformance: conformanceSection(spec),
      changelog: changelogSection(readContractChangelog()),
    };
    // What the page says, and what its Markdown says.
    const definition = withIntroduction(withCallFlows(withCodeSamples(spec), callFlows.workflows), introduction);
    // The page's copy only: each command's description holds its try-it panel (the Markdown does not).
    const page = withTryItPanels(withPlainServerDescriptions(withMarkdownLinks(definition, API_LAYOUT)));
    await writeFile(definitionPath, JSON.stringify(page));
    await renderWithRedocly(definitionPath, pagePath, spec, undefined, markdownAlternates(definition, API_LAYOUT));

    const html = withTryItScript(inlineRedoclyLogos(await readFile(pagePath, 'utf8')), tryItConfig(spec));
    const external = findExternalReferences(html);
    if (external.length > 0) {
      const list = external.map(({ where, url }) => `  ${where} ${url}`).join('\n');
      throw new Error(`the built page would fetch from the internet as it loads:\n${list}`);
    }

    await rm(outDir, { recursive: true, force: true });
    await mkdir(outDir, { recursive: true });
    const indexPath = join(outDir, 'index.html');
    await writeFile(indexPath, html);
    // The downloads are the bundle as it is (the contract), not the docs' copy with samples.
    await copyFile(specJsonPath, join(outDir, 'openapi.json'));
    await copyFile(specYamlPath, join(outDir, 'openapi.yaml'));
    await writeFile(join(outDir, CALL_FLOWS_FILE), callFlows.text);
    // The second document: the mock gateway's control plane.
    const mockGateway = await buildMockGatewayPage(renderWithRedocly, workDir, outDir, spec.info.title);
    // The introduction leaves the summary off the page (it repeats the first sentence); llms.txt opens with it.
    const described = { ...definition, info: { ...definition.info, summary: spec.info.summary } };
    const agentFiles = await writeAgentFiles(outDir, agentDocs(described, mockGateway.document, DOWNLOADS));
    return {
      indexPath,
      files: [
        'index.html',
        'openapi.json',
        'openapi.yaml',
        CALL_FLOWS_FILE,
        ...mockGateway.files,
        ...agentFiles.map(({ path }) => path),
      ],
      pageBytes: Buffer.byteLength(html),
      durationMs: performance.now() - started,
    };
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}

/** The machine-readable files beside the pages, as llms.txt lists them. */
const DOWNLOADS = [
  { title: 'openapi.json', path: 'openapi.json', note: 'the contract, OpenAPI 3.1, bundled' },
  { title: 'openapi.yaml', path: 'openapi.yaml', note: 'the same, as YAML' },
  { title: CALL_FLOWS_FILE, path: CALL_FLOWS_FILE, note: 'the call flows, as Arazzo workflows' },
  { title: MOCK_GATEWAY_DOCUMENT, path: MOCK_GATEWAY_DOCUMENT, note: "the mock gateway's control plane, OpenAPI 3.1" },
];

async function writeAgentFiles(outDir: string, files: AgentFile[]): Promise<AgentFile[]> {
  for (const { path, content } of files) {
    await mkdir(dirname(join(outDir, path)), { recursive: true });
    await writeFile(join(outDir, path), content);
  }
  return files;
}

async function renderWithRedocly(
  definitionPath: string,
  pagePath: string,
  spec: OpenApiDocument,
  configPath = join(appDir, 'redocly.yaml'),
  alternates = '',
): Promise<void> {
  const args = [
    redoclyCli,
    'build-docs',
    definitionPath,
    // Redoc's options (download links, code sample tabs) and `telemetry: off` live there.
    '--config',
    configPath,
    '--template',
    join(appDir, 'templates', 'page.hbs'),
    '--title',
    `${spec.info.title} ${spec.info.version}`,
    '--templateOptions.description',
    spec.info.summary ?? spec.info.title,
    '--templateOptions.alternates',
    alternates,
    '--inlineBundle',
    '--output',
    pagePath,
  ];
  try {
    await promisify(execFile)(process.execPath, args, {
      cwd: appDir,
      maxBuffer: 16 * 1024 * 1024,
      // Off twice over: this also keeps Redoc's in-page telemetry off (build-docs reads it).
      env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
    });
  } catch (error) {
    const { stderr = '', stdout = '' } = error as { stderr?: string; stdout?: string };
    throw new Error(`redocly build-docs failed on ${basename(definitionPath)}:\n${stdout}${stderr}`);
  }
}
