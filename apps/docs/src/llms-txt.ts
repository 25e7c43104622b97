// `llms.txt` (llmstxt.org): an H1 with the API's name, its summary as a blockquote, the API in
// a paragraph, then H2 sections of `- [name](url): notes` links — the guide, each tag's
// operations and webhooks, the mock gateway's page and operations, and under "Optional" (which
// an agent short of room may skip) everything at once and the machine-readable documents.
import { LLMS_FULL_TXT } from './agent-docs-layout.js';

export interface LlmsEntry {
  title: string;
  path: string;
  note: string;
}

export interface LlmsGroup {
  heading: string;
  entries: LlmsEntry[];
}

export interface LlmsIndex {
  title: string;
  summary: string;
  opening: string;
  version: string;
  guide: LlmsEntry[];
  groups: LlmsGroup[];
  /** A second document (the mock gateway's control plane), listed as one more section. */
  companion: LlmsGroup;
  /** The Markdown mirrors of the HTML pages. */
  mirrors: string[];
  /** The machine-readable files beside the pages (the OpenAPI documents, the call flows). */
  downloads: LlmsEntry[];
}

const line = ({ title, path, note }: LlmsEntry) => `- [${title}](${path})${note ? `: ${note}` : ''}`;
const section = ({ heading, entries }: LlmsGroup) => `## ${heading}\n\n${entries.map(line).join('\n')}`;

export function llmsTxt(index: LlmsIndex): string {
  const sections = [
    `# ${index.title}`,
    `> ${index.summary.replace(/\s*\n\s*/g, ' ')}`,
    index.opening,
    `This is version ${index.version} of the contract. Each link below is a Markdown page generated from the OpenAPI document; [${LLMS_FULL_TXT}](${LLMS_FULL_TXT}) holds them all in one file.`,
    section({ heading: 'Guide', entries: index.guide }),
    ...index.groups.map(section),
    section(index.companion),
    section({
      heading: 'Optional',
      entries: [
        { title: LLMS_FULL_TXT, path: LLMS_FULL_TXT, note: 'every page listed here, in one Markdown file' },
        ...index.mirrors.map((path) => ({ title: path, path, note: `${path.replace(/\.md$/, '')} as Markdown` })),
        ...index.downloads,
      ],
    }),
  ];
  return `${sections.filter((part) => part.trim() !== '').join('\n\n')}\n`;
}
