// What every code sample is built from, read from the spec: the server to call, the credential
// headers, the path parameters and their examples, and the request body's examples. The curl,
// TypeScript and Python samples share these, so they always send the same request.
import { dereference } from '@call-control/spec/json-pointer';
import type {
  ExampleObject,
  OpenApiDocument,
  OperationEntry,
  ParameterObject,
  RequestBodyObject,
  SecuritySchemeObject,
} from './openapi-document.js';

export interface Credential {
  scheme: string;
  header: string;
  placeholder: string;
}

export interface RequestExample {
  contentType: string;
  value: unknown;
}

/** The first server's URL with each variable at its default (`https://gateway.example.com`). */
export function serverUrl(document: OpenApiDocument): string {
  const server = document.servers?.[0];
  if (server === undefined) throw new Error('the spec names no server');
  return server.url.replace(/\{([^}]+)\}/g, (_, variable: string) => {
    const value = server.variables?.[variable]?.default;
    if (value === undefined) throw new Error(`server variable ${variable} has no default`);
    return value;
  });
}

/** The headers of the operation's first security requirement, with the source's placeholders. */
export function credentials(document: OpenApiDocument, entry: OperationEntry): Credential[] {
  const requirement = (entry.operation.security ?? document.security ?? [])[0] ?? {};
  return Object.keys(requirement).map((scheme) => {
    const definition = document.components?.securitySchemes?.[scheme];
    if (definition === undefined) throw new Error(`security scheme ${scheme} is not defined`);
    const {
      type,
      in: location,
      name,
    } = dereference<SecuritySchemeObject>(document, definition as SecuritySchemeObject);
    if (type !== 'apiKey' || location !== 'header' || name === undefined) {
      throw new Error(
        `security scheme ${scheme}: samples support header API keys only, not ${type} in ${String(location)}`,
      );
    }
    // AppId → YOUR_APP_ID, as the source document writes it.
    return {
      scheme,
      header: name,
      placeholder: `YOUR_${scheme.replace(/(?<=[a-z0-9])(?=[A-Z])/g, '_').toUpperCase()}`,
    };
  });
}

/** The operation's parameters, the path item's first, each dereferenced. */
export function parameters(document: OpenApiDocument, entry: OperationEntry): ParameterObject[] {
  return [...(entry.pathItem.parameters ?? []), ...(entry.operation.parameters ?? [])].map((parameter) =>
    dereference<ParameterObject>(document, parameter),
  );
}

export function parameterExample(document: OpenApiDocument, parameter: ParameterObject): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const [first] = Object.values(parameter.examples ?? {});
  if (first !== undefined) return dereference<ExampleObject>(document, first).value;
  throw new Error(`parameter ${parameter.name} has no example to put in the sample`);
}

/** Every example of the request body, in the spec's order (`example` alone counts as one). */
export function requestExamples(document: OpenApiDocument, entry: OperationEntry): RequestExample[] {
  if (entry.operation.requestBody === undefined) return [];
  const body = dereference<RequestBodyObject>(document, entry.operation.requestBody);
  const [contentType, media] = Object.entries(body.content)[0] ?? [];
  if (contentType === undefined || media === undefined) return [];
  if (media.example !== undefined) return [{ contentType, value: media.example }];
  const examples = Object.values(media.examples ?? {});
  if (examples.length === 0)
    throw new Error(`${entry.method.toUpperCase()} ${entry.name}: the request body has no example`);
  return examples.map((example) => ({ contentType, value: dereference<ExampleObject>(document, example).value }));
}

/** The request body's first example: `example`, else the first of `examples`. */
export function firstRequestExample(document: OpenApiDocument, entry: OperationEntry): RequestExample | undefined {
  return requestExamples(document, entry)[0];
}

export const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

export function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
