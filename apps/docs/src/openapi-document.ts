// The parts of an OpenAPI 3.1 document the docs build reads, and the walk over its operations
// (paths and webhooks alike) that the code samples and the tests share, so both agree on what
// "every operation" means.

interface ReferenceObject {
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
  description?: string;
  required?: boolean;
  content: Record<string, MediaTypeObject>;
}

export interface ParameterObject {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  description?: string;
  schema?: unknown;
  example?: unknown;
  examples?: Record<string, ExampleObject | ReferenceObject>;
}

export interface SecuritySchemeObject {
  type: string;
  description?: string;
  in?: string;
  name?: string;
}

export interface CodeSample {
  lang: string;
  label: string;
  source: string;
}

export interface HeaderObject {
  description?: string;
  required?: boolean;
  schema?: unknown;
}

export interface ResponseObject {
  description?: string;
  headers?: Record<string, HeaderObject | ReferenceObject>;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  parameters?: Array<ParameterObject | ReferenceObject>;
  requestBody?: RequestBodyObject | ReferenceObject;
  responses?: Record<string, unknown>;
  security?: Array<Record<string, string[]>>;
  'x-codeSamples'?: CodeSample[];
  [extension: `x-${string}`]: unknown;
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];

type PathItemObject = { parameters?: Array<ParameterObject | ReferenceObject> } & {
  [method in HttpMethod]?: OperationObject;
};

interface ServerObject {
  url: string;
  description?: string;
  variables?: Record<string, { default: string; description?: string }>;
}

export interface OpenApiDocument {
  openapi: string;
  info: {
    title: string;
    version: string;
    summary?: string;
    description?: string;
    contact?: { name?: string; url?: string; email?: string };
  };
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
