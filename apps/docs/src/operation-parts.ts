// The sections every operation's Markdown page is made of — what to send (headers, parameters,
// body) and what comes back (each response, its headers, its body, its problem types) — each
// read from the spec and written for a reader who has only this page.
import { dereference } from '@call-control/spec/json-pointer';
import { fence, firstParagraph, table } from './markdown-text.js';
import type {
  ExampleObject,
  HeaderObject,
  MediaTypeObject,
  OpenApiDocument,
  OperationEntry,
  RequestBodyObject,
  ResponseObject,
  SecuritySchemeObject,
} from './openapi-document.js';
import { parameters } from './sample-inputs.js';
import { type JsonSchema, resolveSchema, rulesOf, schemaMarkdown, typeOf } from './schema-fields.js';

const describeValue = (document: OpenApiDocument, schema: unknown) => {
  const resolved = resolveSchema(document, (schema ?? {}) as JsonSchema);
  return { type: typeOf(document, resolved), rules: rulesOf(resolved).join('; ') };
};

/** The request headers: each credential of the first security requirement, then each header parameter. */
export function requestHeaders(document: OpenApiDocument, entry: OperationEntry): string[][] {
  const requirement = (entry.operation.security ?? document.security ?? [])[0] ?? {};
  const credentials = Object.keys(requirement).flatMap((scheme) => {
    const definition = document.components?.securitySchemes?.[scheme] as SecuritySchemeObject | undefined;
    if (definition === undefined) return [];
    const { in: location, name, description } = dereference<SecuritySchemeObject>(document, definition);
    if (location !== 'header' || name === undefined) return [];
    return [
      [`\`${name}\``, 'string', 'yes', `credential (security scheme \`${scheme}\`)`, firstParagraph(description)],
    ];
  });
  const headers = parameters(document, entry)
    .filter((parameter) => parameter.in === 'header')
    .map((parameter) => {
      const { type, rules } = describeValue(document, parameter.schema);
      return [
        `\`${parameter.name}\``,
        type,
        parameter.required ? 'yes' : 'no',
        rules,
        firstParagraph(parameter.description),
      ];
    });
  return [...credentials, ...headers];
}

/** Headers, path and query parameters, as tables (a section each, only those there are). */
export function parametersMarkdown(document: OpenApiDocument, entry: OperationEntry, level: string): string[] {
  const parts: string[] = [];
  const headers = requestHeaders(document, entry);
  if (headers.length > 0)
    parts.push(`${level} Headers`, table(['header', 'type', 'required', 'rules', 'description'], headers));
  for (const [where, heading] of [
    ['path', 'Path parameters'],
    ['query', 'Query parameters'],
  ] as const) {
    const rows = parameters(document, entry)
      .filter((parameter) => parameter.in === where)
      .map((parameter) => {
        const { type, rules } = describeValue(document, parameter.schema);
        const required = parameter.required ? 'yes' : 'no';
        return [`\`${parameter.name}\``, type, required, rules, firstParagraph(parameter.description)];
      });
    if (rows.length > 0)
      parts.push(`${level} ${heading}`, table(['name', 'type', 'required', 'rules', 'description'], rows));
  }
  return parts;
}

/** The request body: its media type, whether it is required, and its schema as a table. */
export function requestBodyMarkdown(document: OpenApiDocument, entry: OperationEntry, heading: string): string[] {
  if (entry.operation.requestBody === undefined) return [];
  const body = dereference<RequestBodyObject>(document, entry.operation.requestBody);
  return Object.entries(body.content).flatMap(([contentType, media]) => [
    `${heading} (\`${contentType}\`, ${body.required ? 'required' : 'optional'})`,
    ...(body.description === undefined ? [] : [body.description.trim()]),
    schemaMarkdown(document, (media.schema ?? {}) as JsonSchema),
  ]);
}

/** The examples of a media type, named, each with its value. */
export function namedExamples(document: OpenApiDocument, media: MediaTypeObject): Array<[string, ExampleObject]> {
  if (media.example !== undefined) return [['example', { value: media.example }]];
  return Object.entries(media.examples ?? {}).map(([name, example]) => [
    name,
    dereference<ExampleObject>(document, example),
  ]);
}

/** The problem types a response's examples show (`type` and `title`), in order, each once. */
export function problemTypes(
  document: OpenApiDocument,
  response: ResponseObject,
): Array<{ type: string; title: string }> {
  const found = new Map<string, string>();
  for (const [contentType, media] of Object.entries(response.content ?? {})) {
    if (!contentType.includes('problem')) continue;
    for (const [, { value }] of namedExamples(document, media)) {
      const { type, title } = (value ?? {}) as { type?: unknown; title?: unknown };
      if (typeof type === 'string' && !found.has(type)) found.set(type, typeof title === 'string' ? title : '');
    }
  }
  return [...found].map(([type, title]) => ({ type, title }));
}

/**
 * The responses in status order. (A JSON object keeps integer-like keys first, so `429` would
 * come before `2XX`; a range sorts as its first status, before the statuses it covers.)
 */
export function responsesOf(document: OpenApiDocument, entry: OperationEntry): Array<[string, ResponseObject]> {
  const rank = (status: string) => Number(status.replaceAll('X', '0')) - (status.includes('X') ? 0.5 : 0);
  return Object.entries(entry.operation.responses ?? {})
    .sort(([a], [b]) => rank(a) - rank(b))
    .map(([status, response]) => [status, dereference<ResponseObject>(document, response as ResponseObject)]);
}

/** Each response: status, description, headers, problem types and body (a schema's table once a page). */
export function responsesMarkdown(document: OpenApiDocument, entry: OperationEntry, level: string): string[] {
  const shown = new Map<string, string>();
  return responsesOf(document, entry).flatMap(([status, response]) => {
    const parts = [`${level} ${status}`, response.description?.trim() ?? ''];
    const headers = Object.entries(response.headers ?? {}).map(([name, header]) => {
      const { description, required, schema } = dereference<HeaderObject>(document, header);
      const { type, rules } = describeValue(document, schema);
      return [`\`${name}\``, type, required ? 'yes' : 'no', rules, firstParagraph(description)];
    });
    if (headers.length > 0)
      parts.push(`Headers:\n\n${table(['header', 'type', 'always sent', 'rules', 'description'], headers)}`);
    const types = problemTypes(document, response);
    if (types.length > 0)
      parts.push(
        `Problem types:\n\n${types.map(({ type, title }) => `- \`${type}\`${title ? ` — ${title}` : ''}`).join('\n')}`,
      );
    for (const [contentType, media] of Object.entries(response.content ?? {})) {
      const schema = (media.schema ?? {}) as JsonSchema;
      const key = schema.$ref ?? JSON.stringify(schema);
      const earlier = shown.get(key);
      if (earlier !== undefined) {
        parts.push(`Body: \`${contentType}\`, the same schema as the ${earlier} response's.`);
        continue;
      }
      shown.set(key, status);
      parts.push(`Body: \`${contentType}\`.`, schemaMarkdown(document, schema));
    }
    return parts.filter((part) => part !== '');
  });
}

/** Every named example of the request body and of each response, as JSON. */
export function examplesMarkdown(document: OpenApiDocument, entry: OperationEntry, level: string): string[] {
  const parts: string[] = [];
  const show = (label: string, name: string, example: ExampleObject) =>
    parts.push(
      `${level} ${label}: ${name}`,
      ...(example.summary ? [example.summary] : []),
      fence(JSON.stringify(example.value, null, 2), 'json'),
    );
  if (entry.operation.requestBody !== undefined) {
    const body = dereference<RequestBodyObject>(document, entry.operation.requestBody);
    const label = entry.kind === 'webhook' ? 'Payload' : 'Request';
    for (const media of Object.values(body.content))
      for (const [name, example] of namedExamples(document, media)) show(label, name, example);
  }
  for (const [status, response] of responsesOf(document, entry)) {
    for (const media of Object.values(response.content ?? {}))
      for (const [name, example] of namedExamples(document, media)) show(status, name, example);
  }
  return parts;
}
