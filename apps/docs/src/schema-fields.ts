// A JSON Schema as the agent docs show it: one table row per field (nested objects as
// `data.session_uuid`, array items as `errors[].detail`), each with its type, whether it is
// required, and every rule it must keep (pattern, length, range, enum, default …) — the facts a
// reader needs to build a valid body or read a payload, taken from the schema itself.
import { dereference } from '@call-control/spec/json-pointer';
import { cell, firstParagraph, table } from './markdown-text.js';
import type { OpenApiDocument } from './openapi-document.js';

export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  allOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  minProperties?: number;
  maxProperties?: number;
  additionalProperties?: boolean | JsonSchema;
  'x-extensible-enum'?: unknown[];
}

export interface FieldRow {
  /** `cause`, `data.session_uuid`, `errors[].detail`. */
  name: string;
  type: string;
  required: boolean;
  rules: string[];
  description: string;
}

/** The schema with its `$ref` followed (siblings of the `$ref` win) and its `allOf` merged. */
export function resolveSchema(document: OpenApiDocument, schema: JsonSchema): JsonSchema {
  const { $ref, ...siblings } = schema;
  const base = $ref === undefined ? {} : resolveSchema(document, dereference<JsonSchema>(document, { $ref }));
  const merged: JsonSchema = { ...base, ...siblings };
  for (const part of schema.allOf ?? []) {
    const resolved = resolveSchema(document, part);
    merged.properties = { ...merged.properties, ...resolved.properties };
    merged.required = [...(merged.required ?? []), ...(resolved.required ?? [])];
    merged.type ??= resolved.type;
  }
  delete merged.allOf;
  return merged;
}

const code = (value: unknown) => `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;

export function typeOf(document: OpenApiDocument, schema: JsonSchema): string {
  const resolved = resolveSchema(document, schema);
  const alternatives = resolved.oneOf ?? resolved.anyOf;
  if (alternatives !== undefined)
    return `one of: ${alternatives.map((alternative) => typeOf(document, alternative)).join(', ')}`;
  const types = [resolved.type ?? (resolved.properties === undefined ? 'any' : 'object')].flat();
  const named = types.map((type) => {
    if (type === 'array' && resolved.items !== undefined) return `array of ${typeOf(document, resolved.items)}`;
    return type === 'null' || resolved.format === undefined ? type : `${type} (${resolved.format})`;
  });
  return named.join(' or ');
}

/** Every rule a value must keep, in words a reader (or an agent) can check a value against. */
export function rulesOf(schema: JsonSchema): string[] {
  const rules: string[] = [];
  if (schema.const !== undefined) rules.push(`always ${code(schema.const)}`);
  if (schema.enum !== undefined) rules.push(`one of ${schema.enum.map(code).join(', ')}`);
  if (schema['x-extensible-enum'] !== undefined)
    rules.push(`known values (an open set) ${schema['x-extensible-enum'].map(code).join(', ')}`);
  if (schema.pattern !== undefined) rules.push(`pattern ${code(schema.pattern)}`);
  if (schema.minLength !== undefined) rules.push(`at least ${schema.minLength} characters`);
  if (schema.maxLength !== undefined) rules.push(`at most ${schema.maxLength} characters`);
  if (schema.minimum !== undefined) rules.push(`≥ ${schema.minimum}`);
  if (schema.exclusiveMinimum !== undefined) rules.push(`> ${schema.exclusiveMinimum}`);
  if (schema.maximum !== undefined) rules.push(`≤ ${schema.maximum}`);
  if (schema.exclusiveMaximum !== undefined) rules.push(`< ${schema.exclusiveMaximum}`);
  if (schema.minItems !== undefined) rules.push(`at least ${schema.minItems} items`);
  if (schema.maxItems !== undefined) rules.push(`at most ${schema.maxItems} items`);
  if (schema.minProperties !== undefined) rules.push(`at least ${schema.minProperties} fields`);
  if (schema.maxProperties !== undefined) rules.push(`at most ${schema.maxProperties} fields`);
  if (schema.additionalProperties === false) rules.push('no other fields');
  if (schema.default !== undefined) rules.push(`default ${code(schema.default)}`);
  return rules;
}

/** One row per field, depth first; a `$ref` already being expanded is not expanded again. */
export function schemaFields(
  document: OpenApiDocument,
  schema: JsonSchema,
  prefix = '',
  expanding: ReadonlySet<string> = new Set(),
): FieldRow[] {
  const resolved = resolveSchema(document, schema);
  return Object.entries(resolved.properties ?? {}).flatMap(([name, property]) => {
    const field = resolveSchema(document, property);
    const items = field.items === undefined ? undefined : resolveSchema(document, field.items);
    const itemRules = items === undefined ? [] : rulesOf(items);
    const row: FieldRow = {
      name: `${prefix}${name}`,
      type: typeOf(document, field),
      required: resolved.required?.includes(name) ?? false,
      rules: [...rulesOf(field), ...(itemRules.length > 0 ? [`each item: ${itemRules.join(', ')}`] : [])],
      description: field.description ?? '',
    };
    if (property.$ref !== undefined && expanding.has(property.$ref)) return [row];
    const inner = property.$ref === undefined ? expanding : new Set([...expanding, property.$ref]);
    if (field.properties !== undefined) return [row, ...schemaFields(document, field, `${row.name}.`, inner)];
    if (items?.properties !== undefined) return [row, ...schemaFields(document, items, `${row.name}[].`, inner)];
    return [row];
  });
}

/**
 * The schema in Markdown: its description, then a table of its fields (or its type and rules
 * when it has none), then the full text of each field description longer than a paragraph.
 */
export function schemaMarkdown(document: OpenApiDocument, schema: JsonSchema): string {
  const resolved = resolveSchema(document, schema);
  const rows = schemaFields(document, resolved);
  const parts: string[] = [];
  if (resolved.description !== undefined) parts.push(resolved.description.trim());
  if (rows.length === 0) {
    const rules = rulesOf(resolved);
    parts.push(`Type: ${typeOf(document, resolved)}${rules.length > 0 ? `; ${rules.join('; ')}` : ''}.`);
    return parts.join('\n\n');
  }
  const rootRules = rulesOf(resolved);
  if (rootRules.length > 0) parts.push(`The ${typeOf(document, resolved)} as a whole: ${rootRules.join('; ')}.`);
  parts.push(
    table(
      ['field', 'type', 'required', 'rules', 'description'],
      rows.map((row) => [
        `\`${row.name}\``,
        row.type,
        row.required ? 'yes' : 'no',
        row.rules.join('; '),
        firstParagraph(row.description),
      ]),
    ),
  );
  for (const row of rows) {
    if (firstParagraph(row.description) === cell(row.description)) continue;
    parts.push(`**\`${row.name}\`**: ${row.description.trim()}`);
  }
  return parts.join('\n\n');
}
