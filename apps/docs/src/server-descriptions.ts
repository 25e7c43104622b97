// Redoc shows a server's `description` as plain text (in the server list of each operation), so
// Markdown in it would show as punctuation: `pnpm mock` with its backticks. The pages get each
// description as the text it stands for; the downloads keep the document as it is.
import type { OpenApiDocument } from './openapi-document.js';

/** Markdown's inline marks (code spans, emphasis, links) as the text they mark. */
export function plainText(markdown: string): string {
  return markdown
    .replace(/`([^`]*)`/g, '$1')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(?<![\w*])([*_])(?!\s)(.+?)(?<!\s)\1(?![\w*])/g, '$2');
}

const plain = <Described extends { description?: string }>(described: Described): Described =>
  described.description === undefined ? described : { ...described, description: plainText(described.description) };

/** The document with each server's and server variable's description as plain text. */
export function withPlainServerDescriptions<Document extends OpenApiDocument>(document: Document): Document {
  if (document.servers === undefined) return document;
  return {
    ...document,
    servers: document.servers.map((server) => ({
      ...plain(server),
      ...(server.variables === undefined
        ? {}
        : {
            variables: Object.fromEntries(
              Object.entries(server.variables).map(([name, variable]) => [name, plain(variable)]),
            ),
          }),
    })),
  };
}
