// The docs for agents, written beside the HTML: a Markdown page per operation, per webhook and
// per guide section, a Markdown mirror of each HTML page, `llms.txt` (the index) and
// `llms-full.txt` (everything in one file) — all from the documents the pages render, so the
// Markdown and the HTML say the same.
import {
  API_LAYOUT,
  type DocumentLayout,
  LLMS_FULL_TXT,
  LLMS_TXT,
  MOCK_GATEWAY_LAYOUT,
  operationFile,
} from './agent-docs-layout.js';
import { type Guide, splitGuide } from './guide-sections.js';
import { type LlmsEntry, type LlmsGroup, llmsTxt } from './llms-txt.js';
import { demoteHeadings, firstSentence, rebaseLinks } from './markdown-text.js';
import { listOperations, type OpenApiDocument, type OperationEntry } from './openapi-document.js';
import { operationMarkdown, type PageLinks } from './operation-markdown.js';

export interface AgentFile {
  /** Relative to dist/. */
  path: string;
  content: string;
}

interface DocumentFiles {
  files: AgentFile[];
  mirror: AgentFile;
  guide: LlmsEntry[];
  groups: LlmsGroup[];
}

/** Every agent file of the docs: the API's (`api`, as its page renders it) and the mock gateway's. */
export function agentDocs(api: OpenApiDocument, mockGateway: OpenApiDocument, downloads: LlmsEntry[]): AgentFile[] {
  const apiFiles = documentFiles(api, API_LAYOUT);
  const mockFiles = documentFiles(mockGateway, MOCK_GATEWAY_LAYOUT);
  const index = llmsTxt({
    title: api.info.title,
    summary: api.info.summary ?? firstSentence(api.info.description),
    opening: splitGuide(api.info.description).opening,
    version: api.info.version,
    guide: apiFiles.guide,
    groups: apiFiles.groups,
    companion: {
      heading: mockGateway.info.title,
      entries: [
        {
          title: mockGateway.info.title,
          path: mockFiles.mirror.path,
          note: firstSentence(mockGateway.info.description),
        },
        ...mockFiles.groups.flatMap((group) => group.entries),
      ],
    },
    mirrors: [apiFiles.mirror.path, mockFiles.mirror.path],
    downloads,
  });
  return [
    { path: LLMS_TXT, content: index },
    { path: LLMS_FULL_TXT, content: `${apiFiles.mirror.content}\n${mockFiles.mirror.content}` },
    apiFiles.mirror,
    mockFiles.mirror,
    ...apiFiles.files,
    ...mockFiles.files,
  ];
}

/** A file at `path`, its links (written from the root) made relative to where it is. */
const fileAt = (path: string, content: string): AgentFile => ({
  path,
  content: rebaseLinks(content, '../'.repeat(path.split('/').length - 1)),
});

function documentFiles(document: OpenApiDocument, layout: DocumentLayout): DocumentFiles {
  const guide = splitGuide(document.info.description);
  const guideFile = (title: string) => {
    const section = guide.sections.find((candidate) => candidate.title === title);
    return section === undefined || layout.guide === undefined ? undefined : `${layout.guide}/${section.slug}.md`;
  };
  const links: PageLinks = { to: (entry) => operationFile(layout, entry), guide: guideFile };
  const operations = listOperations(document);
  const pages = operations.map((entry) => ({ entry, markdown: operationMarkdown(document, entry, links) }));
  const guidePages =
    layout.guide === undefined
      ? []
      : guide.sections.map((section) => fileAt(guideFile(section.title)!, `# ${section.title}\n\n${section.body}\n`));
  return {
    files: [...guidePages, ...pages.map(({ entry, markdown }) => fileAt(operationFile(layout, entry), markdown))],
    mirror: { path: layout.markdownPage, content: mirrorOf(document, guide, pages) },
    guide: guide.sections.flatMap((section) => {
      const path = guideFile(section.title);
      return path === undefined ? [] : [{ title: section.title, path, note: firstSentence(section.body) }];
    }),
    groups: groupsOf(document, operations, layout),
  };
}

/** The operations by tag, in the order of the document's tags, each with a one-line note. */
function groupsOf(document: OpenApiDocument, operations: OperationEntry[], layout: DocumentLayout): LlmsGroup[] {
  const tagOf = (entry: OperationEntry) => entry.operation.tags?.[0] ?? 'Operations';
  const order = [...((document as { tags?: Array<{ name: string }> }).tags ?? []).map(({ name }) => name)];
  for (const entry of operations) if (!order.includes(tagOf(entry))) order.push(tagOf(entry));
  return order
    .map((heading) => ({
      heading,
      entries: operations
        .filter((entry) => tagOf(entry) === heading)
        .map((entry) => ({
          title: entry.operation.summary ?? entry.operation.operationId ?? entry.name,
          path: operationFile(layout, entry),
          note: `${entry.kind === 'webhook' ? `webhook \`${entry.name}\`` : `\`${entry.method.toUpperCase()} ${entry.name}\``} — ${firstSentence(entry.operation.description)}`,
        })),
    }))
    .filter((group) => group.entries.length > 0);
}

/** The whole page in Markdown: the introduction, then every operation under its tag. */
function mirrorOf(
  document: OpenApiDocument,
  guide: Guide,
  pages: Array<{ entry: OperationEntry; markdown: string }>,
): string {
  const parts = [`# ${document.info.title} ${document.info.version}`];
  if (document.info.summary !== undefined) parts.push(`> ${document.info.summary}`);
  parts.push(guide.opening, ...guide.sections.map((section) => `## ${section.title}\n\n${section.body}`));
  let tag: string | undefined;
  for (const { entry, markdown } of pages) {
    const entryTag = entry.operation.tags?.[0] ?? 'Operations';
    if (entryTag !== tag) parts.push(`## ${entryTag}`);
    tag = entryTag;
    parts.push(demoteHeadings(markdown.trim(), 2));
  }
  return `${parts.filter((part) => part !== '').join('\n\n')}\n`;
}
