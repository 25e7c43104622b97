// The facts an operation's Markdown page must state, read from the spec here on their own
// (not through the code that writes the pages): each field's name as a dotted path and the
// figures and values of its rules, each response status, each problem type, each example.
import { dereference } from '@call-control/spec/json-pointer';
import type { OpenApiDocument, OperationEntry } from '../../src/openapi-document.js';

interface Schema {
  $ref?: string;
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
}

export interface Facts {
  /** The name the page's table row starts with. */
  name: string;
  /** Text the row must contain: each rule's figure or value. */
  facts: string[];
}

const follow = (document: OpenApiDocument, schema: Schema): Schema => {
  let current = schema;
  while (current.$ref !== undefined)
    current = { ...dereference<Schema>(document, { $ref: current.$ref }), ...{ ...current, $ref: undefined } };
  if (current.allOf === undefined) return current;
  // allOf's members' properties, merged into one object (later members win).
  const properties = { ...current.properties };
  for (const part of current.allOf) Object.assign(properties, follow(document, part).properties);
  return { ...current, properties };
};

const show = (value: unknown) => (typeof value === 'string' ? value : JSON.stringify(value));

function ruleFacts(schema: Schema): string[] {
  const facts: string[] = [];
  if (schema.pattern !== undefined) facts.push(schema.pattern);
  for (const figure of [schema.maxLength, schema.minLength, schema.minimum, schema.maximum])
    if (figure !== undefined) facts.push(String(figure));
  for (const value of schema.enum ?? []) facts.push(`\`${show(value)}\``);
  if (schema.const !== undefined) facts.push(`\`${show(schema.const)}\``);
  if (schema.default !== undefined) facts.push(`\`${show(schema.default)}\``);
  return facts;
}

function walk(document: OpenApiDocument, schema: Schema, prefix: string, seen: string[]): Facts[] {
  const resolved = follow(document, schema);
  return Object.entries(resolved.properties ?? {}).flatMap(([name, property]) => {
    const field = follow(document, property);
    const row = { name: `${prefix}${name}`, facts: ruleFacts(field) };
    if (property.$ref !== undefined && seen.includes(property.$ref)) return [row];
    const next = property.$ref === undefined ? seen : [...seen, property.$ref];
    const items = field.items === undefined ? undefined : follow(document, field.items);
    if (field.properties !== undefined) return [row, ...walk(document, field, `${row.name}.`, next)];
    if (items?.properties !== undefined) return [row, ...walk(document, items, `${row.name}[].`, next)];
    return [row];
  });
}

/** Every field of the request body (nested ones as `data.session_uuid`, array items as `errors[].detail`). */
export function fieldFacts(document: OpenApiDocument, entry: OperationEntry): Facts[] {
  if (entry.operation.requestBody === undefined) return [];
  const body = dereference<{ content: Record<string, { schema?: Schema }> }>(document, entry.operation.requestBody);
  return Object.values(body.content).flatMap(({ schema }) => walk(document, schema ?? {}, '', []));
}

/** The credential headers of the first security requirement, and every parameter, with its rules. */
export function requestFacts(document: OpenApiDocument, entry: OperationEntry): Facts[] {
  const requirement = (entry.operation.security ?? document.security ?? [])[0] ?? {};
  const credentials = Object.keys(requirement).map((scheme) => ({
    name: dereference<{ name: string }>(document, document.components!.securitySchemes![scheme] as { name: string })
      .name,
    facts: [scheme],
  }));
  const parameters = [...(entry.pathItem.parameters ?? []), ...(entry.operation.parameters ?? [])].map((reference) => {
    const parameter = dereference<{ name: string; schema?: Schema }>(document, reference);
    return { name: parameter.name, facts: ruleFacts(follow(document, parameter.schema ?? {})) };
  });
  return [...credentials, ...parameters];
}

export const responseStatuses = (entry: OperationEntry): string[] => Object.keys(entry.operation.responses ?? {});

interface Media {
  example?: unknown;
  examples?: Record<string, { value?: unknown } | { $ref: string }>;
}

const examplesIn = (document: OpenApiDocument, media: Media): unknown[] =>
  media.example !== undefined
    ? [media.example]
    : Object.values(media.examples ?? {}).map((example) => dereference<{ value?: unknown }>(document, example).value);

/** The `type` of each problem example of one response. */
export function problemTypesOf(document: OpenApiDocument, entry: OperationEntry, status: string): string[] {
  const response = dereference<{ content?: Record<string, Media> }>(document, entry.operation.responses![status]!);
  return Object.entries(response.content ?? {})
    .filter(([type]) => type.includes('problem'))
    .flatMap(([, media]) => examplesIn(document, media))
    .map((value) => (value as { type: string }).type);
}

/** Every example value of the request body and of each response. */
export function examplesOf(document: OpenApiDocument, entry: OperationEntry): unknown[] {
  const body =
    entry.operation.requestBody === undefined
      ? []
      : Object.values(dereference<{ content: Record<string, Media> }>(document, entry.operation.requestBody).content);
  const responses = Object.values(entry.operation.responses ?? {}).flatMap((reference) =>
    Object.values(dereference<{ content?: Record<string, Media> }>(document, reference).content ?? {}),
  );
  return [...body, ...responses].flatMap((media) => examplesIn(document, media));
}
