// How the HTML pages point at their Markdown: a visible "View as Markdown" link at the top of
// each operation's and webhook's description (Redoc renders it with the rest), and in the page's
// <head> a `<link rel="alternate" type="text/markdown">` for the page's mirror and for each
// operation, so an agent that lands on the HTML finds the Markdown without reading the page.
import { type DocumentLayout, operationFile } from './agent-docs-layout.js';
import { listOperations, type OpenApiDocument } from './openapi-document.js';

export const MARKDOWN_LINK_TEXT = 'View as Markdown';

/** A copy of `document` whose every operation's description opens with its Markdown link. */
export function withMarkdownLinks<Document extends OpenApiDocument>(
  document: Document,
  layout: DocumentLayout,
): Document {
  const copy = structuredClone(document);
  for (const entry of listOperations(copy)) {
    const link = `[${MARKDOWN_LINK_TEXT}](${operationFile(layout, entry)})`;
    entry.operation.description = `${link}\n\n${entry.operation.description ?? ''}`.trimEnd();
  }
  return copy;
}

const attribute = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** The `<link rel="alternate" type="text/markdown">` tags of a page: its mirror, then each operation's page. */
export function markdownAlternates(document: OpenApiDocument, layout: DocumentLayout): string {
  const link = (href: string, title: string) =>
    `<link rel="alternate" type="text/markdown" href="${attribute(href)}" title="${attribute(title)}">`;
  return [
    link(layout.markdownPage, `${document.info.title} (Markdown)`),
    ...listOperations(document).map((entry) =>
      link(operationFile(layout, entry), `${entry.operation.summary ?? entry.name} (Markdown)`),
    ),
  ].join('\n  ');
}
