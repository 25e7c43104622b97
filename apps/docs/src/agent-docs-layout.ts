// Where the agent docs live in dist/, beside the HTML: one Markdown file per operation, per
// webhook and per guide section, a Markdown mirror of each page (`index.html.md`, as llmstxt.org
// names page mirrors), `llms.txt` and `llms-full.txt`. Links between them are relative, so the
// site works wherever dist/ is served.
import type { OperationEntry } from './openapi-document.js';

export const LLMS_TXT = 'llms.txt';
export const LLMS_FULL_TXT = 'llms-full.txt';

/** One document of the docs (the API, the mock gateway's control plane) and where its files go. */
export interface DocumentLayout {
  /** The HTML page (`index.html`). */
  page: string;
  /** Its Markdown mirror (`index.html.md`). */
  markdownPage: string;
  /** The folder of its operations' pages, and of its webhooks' pages. */
  operations: string;
  webhooks: string;
  /** The folder of its guide sections' pages; without one, the guide is in the mirror only. */
  guide?: string;
}

export const API_LAYOUT: DocumentLayout = {
  page: 'index.html',
  markdownPage: 'index.html.md',
  operations: 'operations',
  webhooks: 'webhooks',
  guide: 'guide',
};

export const MOCK_GATEWAY_LAYOUT: DocumentLayout = {
  page: 'mock-gateway.html',
  markdownPage: 'mock-gateway.html.md',
  operations: 'mock-gateway',
  webhooks: 'mock-gateway/webhooks',
};

/** An operation's page: `operations/hangup.md`; a webhook's: `webhooks/call.hangup.md`. */
export function operationFile(layout: DocumentLayout, entry: OperationEntry): string {
  if (entry.kind === 'webhook') return `${layout.webhooks}/${entry.name}.md`;
  const name = entry.operation.operationId ?? `${entry.method}${entry.name.replace(/[^A-Za-z0-9]+/g, '-')}`;
  return `${layout.operations}/${name}.md`;
}

/** `to` (relative to the site's root) as a link from the file at `from`. */
export function linkFrom(from: string, to: string): string {
  return `${'../'.repeat(from.split('/').length - 1)}${to}`;
}
