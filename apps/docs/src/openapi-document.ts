// The parts of an OpenAPI 3.1 document the docs build reads, and the walk over its operations
// (paths and webhooks alike) that the code samples and the tests share, so both agree on what
// "every operation" means.

export interface ReferenceObject {
  $ref: string;
}

export interface ExampleObject {
  summary?: string;
  value?: unknown;
}

export interface MediaTypeObject {
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, ExampleObject | ReferenceObject>;
}

export interface RequestBodyObject {
  required?: boolean;
  content: Record<string, MediaTypeObject>;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  example?: unknown;
  examples?: Record<string, ExampleObject | ReferenceObject>;
}

export interface SecuritySchemeObject {
  type: string;
  in?: string;
  name?: string;
}

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  tags?: string[];
  parameters?: Array<ParameterObject | ReferenceObject>;
  requestBody?: RequestBodyObject | ReferenceObject;
  responses?: Record<string, unknown>;
  security?: Array<Record<string, string[]>>;
  'x-codeSamples'?: CodeSample[];
  [extension: `x-${string}`]: unknown;
}

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type PathItemObject = { parameters?: Array<ParameterObject | ReferenceObject> } & {
  [method in HttpMethod]?: OperationObject;
};

export interface ServerObject {
  url: string;
  variables?: Record<string, { default: string }>;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string; summary?: string; description?: string };
  servers?: ServerObject[];
  security?: Array<Record<string, string[]>>;
  paths?: Record<string, PathItemObject>;
  webhooks?: Record<string, PathItemObject>;
  components?: Record<string, Record<string, unknown>>;
}

/** One operation of the document: a path's (`kind: 'path'`) or a webhook's (`kind: 'webhook'`). */
export interface OperationEntry {
  kind: 'path' | 'webhook';
  /** The path (`/api/v1/…`) or the webhook's name (`command.result`). */
  name: string;
  method: HttpMethod;
  pathItem: PathItemObject;
  operation: OperationObject;
}

export function listOperations(document: OpenApiDocument): OperationEntry[] {
  const entries: OperationEntry[] = [];
  for (const kind of ['path', 'webhook'] as const) {
    const items = (kind === 'path' ? document.paths : document.webhooks) ?? {};
    for (const [name, pathItem] of Object.entries(items)) {
      for (const method of HTTP_METHODS) {
        const operation = pathItem[method];
        if (operation !== undefined) entries.push({ kind, name, method, pathItem, operation });
      }
    }
  }
  return entries;
}

export function isReference(value: unknown): value is ReferenceObject {
  return typeof value === 'object' && value !== null && typeof (value as ReferenceObject).$ref === 'string';
}

/**
 * Follows local `$ref`s (`#/components/...`), as the bundle leaves them, until a value that is
 * not a reference. A reference out of the document is an error: the bundle is self-contained.
 */
export function dereference<T>(document: OpenApiDocument, value: T | ReferenceObject): T {
  let current: unknown = value;
  const seen = new Set<string>();
  while (isReference(current)) {
    const ref = current.$ref;
    if (!ref.startsWith('#/')) throw new Error(`${ref}: only local references are expected in the bundled spec`);
    if (seen.has(ref)) throw new Error(`${ref}: circular reference`);
    seen.add(ref);
    current = ref
      .slice(2)
      .split('/')
      .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'))
      .reduce<unknown>((node, token) => {
        if (typeof node !== 'object' || node === null || !(token in node)) {
          throw new Error(`${ref}: no such place in the document`);
        }
        return (node as Record<string, unknown>)[token];
      }, document);
  }
  return current as T;
}
