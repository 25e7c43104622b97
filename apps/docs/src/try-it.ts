// The try-it panels: on each command's page of the reference, a form that sends the command to
// a server of the spec's `servers` (the mock gateway first), shows the 202 or the problem, and —
// on the mock — the webhooks that follow, live from its event stream. The form is built in the
// browser from a configuration read here from the spec (no field is listed by hand); the
// page's copy of each command's description gets the element the panel mounts in (Redoc
// renders it with the description, so the panel sits on the command's own page); the script
// and stylesheet (try-it/) are inlined into the page, which still loads nothing from elsewhere.
import { readFileSync } from 'node:fs';
import { dereference } from '@call-control/spec/json-pointer';
import { listOperations, type OpenApiDocument, type RequestBodyObject } from './openapi-document.js';
import { firstSentence } from './markdown-text.js';
import { credentials, parameters, parameterExample } from './sample-inputs.js';
import { plainText } from './server-descriptions.js';
import { type JsonSchema, resolveSchema } from './schema-fields.js';
import type { TryItConfig, TryItField, TryItOperation } from './try-it-config.js';

const ASSETS = new URL('../try-it/', import.meta.url);
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
/** The mock's control plane, as its own document names it. */
const MOCK_CONTROL = { sessions: '/__mock/sessions', events: '/__mock/events', inspector: '/__mock/' };

/** The commands a panel is offered for: the operations under `paths` (webhooks are received, not sent). */
const commands = (document: OpenApiDocument) => listOperations(document).filter(({ kind }) => kind === 'path');

const firstExample = (schema: JsonSchema & { examples?: unknown[] }) =>
  typeof schema.examples?.[0] === 'string' ? schema.examples[0] : undefined;

function fieldOf(document: OpenApiDocument, name: string, given: JsonSchema): TryItField {
  const schema = resolveSchema(document, given) as JsonSchema & { examples?: unknown[]; 'x-cause-codes'?: object };
  const known =
    schema.enum ?? (schema['x-cause-codes'] === undefined ? undefined : Object.keys(schema['x-cause-codes']));
  const field: TryItField = { name, description: plainText(firstSentence(schema.description)) };
  if (known !== undefined) field.choices = known.map(String);
  if (typeof schema.default === 'string') field.default = schema.default;
  if (schema.pattern !== undefined) field.pattern = schema.pattern;
  if (schema.maxLength !== undefined) field.maxLength = schema.maxLength;
  const example = firstExample(schema);
  if (example !== undefined) field.example = example;
  return field;
}

function operationOf(document: OpenApiDocument, entry: ReturnType<typeof commands>[number]): TryItOperation {
  const [session] = parameters(document, entry).filter((parameter) => parameter.in === 'path');
  if (session === undefined) throw new Error(`${entry.name}: a command names its session in the path`);
  const sessionSchema = resolveSchema(document, (session.schema ?? {}) as JsonSchema);
  const body =
    entry.operation.requestBody === undefined
      ? undefined
      : dereference<RequestBodyObject>(document, entry.operation.requestBody);
  const schema = resolveSchema(document, (body?.content['application/json']?.schema ?? {}) as JsonSchema);
  return {
    method: entry.method.toUpperCase(),
    path: entry.name,
    sessionParameter: {
      name: session.name,
      ...(sessionSchema.pattern === undefined ? {} : { pattern: sessionSchema.pattern }),
      example: String(parameterExample(document, session)),
    },
    fields: Object.entries(schema.properties ?? {}).map(([name, property]) => fieldOf(document, name, property)),
  };
}

export function tryItConfig(document: OpenApiDocument): TryItConfig {
  const servers = (document.servers ?? []).map((server) => {
    const url = server.url.replace(/\{([^}]+)\}/g, (_, name: string) => server.variables?.[name]?.default ?? name);
    const description = plainText(server.description ?? '');
    return { url, description, mock: LOOPBACK.has(new URL(url).hostname) };
  });
  const defaultServer = Math.max(
    0,
    servers.findIndex(({ mock }) => mock),
  );
  const operations = Object.fromEntries(
    commands(document).map((entry) => [entry.operation.operationId ?? entry.name, operationOf(document, entry)]),
  );
  const headers = commands(document).flatMap((entry) => credentials(document, entry));
  const unique = [...new Map(headers.map(({ header, placeholder }) => [header, { header, placeholder }])).values()];
  return { servers, defaultServer, credentials: unique, operations, mockControl: MOCK_CONTROL };
}

/** The element a command's panel mounts in. */
export const tryItElement = (operationId: string) => `<div class="try-it" data-try-it="${operationId}"></div>`;

/** A copy of `document` whose every command's description holds its panel, after the first paragraph (its Markdown link). */
export function withTryItPanels<Document extends OpenApiDocument>(document: Document): Document {
  const copy = structuredClone(document);
  for (const entry of commands(copy)) {
    const [first = '', ...rest] = (entry.operation.description ?? '').split('\n\n');
    const panel = tryItElement(entry.operation.operationId ?? entry.name);
    entry.operation.description = [first, panel, ...rest].filter((part) => part !== '').join('\n\n');
  }
  return copy;
}

/** The page with the panels' configuration, stylesheet and script inlined before `</body>`. */
export function withTryItScript(html: string, config: TryItConfig, assets: URL = ASSETS): string {
  const read = (name: string) => readFileSync(new URL(name, assets), 'utf8');
  // A data block, not a script; `<` escaped so no value can close the element.
  const data = JSON.stringify(config).replaceAll('<', '\\u003c');
  const inlined = [
    `<style>${read('try-it.css')}</style>`,
    `<script type="application/json" id="try-it-config">${data}</script>`,
    `<script>${read('try-it.js')}</script>`,
  ].join('\n');
  // The last one: Redoc's inlined bundle holds the text `</body>` too.
  const end = html.lastIndexOf('</body>');
  if (end < 0) throw new Error('the page has no </body>: has the template changed?');
  return `${html.slice(0, end)}${inlined}\n${html.slice(end)}`;
}
