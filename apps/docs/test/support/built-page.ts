// Reads what build-docs embedded in the page: the definition Redoc renders and Redoc's options
// (both are JSON object literals assigned in the page's module script).
import type { OpenApiDocument } from '../../src/openapi-document.js';

function embedded(html: string, name: string): unknown {
  const match = new RegExp(`const ${name} = (\\{.*\\});\\n`).exec(html);
  if (match?.[1] === undefined) throw new Error(`the page has no ${name}: has build-docs changed its page?`);
  return JSON.parse(match[1]);
}

export interface RedocOptions {
  downloadUrls?: Array<{ title?: string; url: string }>;
  codeSamples?: { languages: Array<{ lang: string; label?: string }> };
  disableTelemetry?: boolean;
}

export const embeddedDefinition = (html: string) => embedded(html, '__redoc_definition') as OpenApiDocument;
export const embeddedOptions = (html: string) => embedded(html, '__redoc_options') as RedocOptions;
