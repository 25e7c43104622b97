// The code samples of every command, generated from the bundled spec at build time and handed to
// Redoc as `x-codeSamples`: the `curl` form the source document uses, and the same call with
// `@call-control/client`. Nothing here is hand-kept per operation: the URL, the headers, the
// body and the method all come from the spec, so a change there changes the samples.
import { dereference } from '@call-control/spec/json-pointer';
import {
  listOperations,
  type CodeSample,
  type ExampleObject,
  type OpenApiDocument,
  type OperationEntry,
  type ParameterObject,
  type RequestBodyObject,
  type SecuritySchemeObject,
} from './openapi-document.js';

/** The tab labels (and Redoc `lang`s) of the two samples, in the order the page shows them. */
export const SAMPLE_LANGUAGES = { curl: 'curl', typescript: 'TypeScript' } as const;

export const CLIENT_PACKAGE = '@call-control/client';

/**
 * `createCallControlClient({ baseUrl, appId, apiKey })` (see packages/client/README.md): which
 * client option carries which of the spec's security schemes. The build fails when the spec's auth no longer matches,
 * rather than publish a sample that cannot work.
 */
const CLIENT_CREDENTIAL_OPTIONS: Record<string, string> = { AppId: 'appId', ApiKey: 'apiKey' };

interface Credential {
  scheme: string;
  header: string;
  placeholder: string;
}

interface RequestExample {
  contentType: string;
  value: unknown;
}

/** Every path operation gets its samples; webhooks get none (the gateway sends them, not you). */
export function withCodeSamples(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  for (const entry of listOperations(copy)) {
    if (entry.kind !== 'path') continue;
    entry.operation['x-codeSamples'] = codeSamplesFor(copy, entry);
  }
  return copy;
}

export function codeSamplesFor(document: OpenApiDocument, entry: OperationEntry): CodeSample[] {
  return [
    { lang: SAMPLE_LANGUAGES.curl, label: SAMPLE_LANGUAGES.curl, source: curlSample(document, entry) },
    {
      lang: SAMPLE_LANGUAGES.typescript,
      label: SAMPLE_LANGUAGES.typescript,
      source: typescriptSample(document, entry),
    },
  ];
}

export function curlSample(document: OpenApiDocument, entry: OperationEntry): string {
  const example = firstRequestExample(document, entry);
  const lines = [`curl -X ${entry.method.toUpperCase()} ${serverUrl(document)}${entry.name}`];
  for (const { header, placeholder } of credentials(document, entry)) lines.push(`-H "${header}: ${placeholder}"`);
  if (example !== undefined) {
    lines.push(`-H "Content-Type: ${example.contentType}"`);
    lines.push(`-d ${shellQuote(inlineJson(example.value))}`);
  }
  return `${lines.join(' \\\n  ')}\n`;
}

export function typescriptSample(document: OpenApiDocument, entry: OperationEntry): string {
  const method = entry.operation.operationId;
  if (method === undefined || !IDENTIFIER.test(method)) {
    throw new Error(
      `${entry.method.toUpperCase()} ${entry.name}: operationId ${String(method)} is not a client method name`,
    );
  }
  const pathParameters = parameters(document, entry).filter((parameter) => parameter.in === 'path');
  const [sessionParameter] = pathParameters;
  if (pathParameters.length !== 1 || sessionParameter === undefined || !IDENTIFIER.test(sessionParameter.name)) {
    throw new Error(
      `${method}: the client takes (uuid, body?), but the path has parameters ${pathParameters.map((p) => p.name).join(', ')}`,
    );
  }
  const example = firstRequestExample(document, entry);
  const body = example === undefined || isEmptyObject(example.value) ? '' : `, ${typescriptLiteral(example.value)}`;
  const options = credentials(document, entry).map(({ scheme, placeholder }) => {
    const option = CLIENT_CREDENTIAL_OPTIONS[scheme];
    if (option === undefined)
      throw new Error(`${method}: no ${CLIENT_PACKAGE} option carries the security scheme ${scheme}`);
    return `  ${option}: ${typescriptLiteral(placeholder)},`;
  });
  const name = sessionParameter.name;
  return [
    `import { createCallControlClient } from '${CLIENT_PACKAGE}';`,
    '',
    'const client = createCallControlClient({',
    `  baseUrl: ${typescriptLiteral(serverUrl(document))},`,
    ...options,
    '});',
    '',
    `const ${name} = ${typescriptLiteral(parameterExample(document, sessionParameter))};`,
    `const { data, error } = await client.${method}(${name}${body});`,
    'if (error) {',
    '  // An RFC 9457 problem.',
    '  console.error(error.status, error.title, error.detail);',
    '} else {',
    '  // 202: the result follows by webhook, with this operation_id.',
    '  console.log(data.operation_id);',
    '}',
    '',
  ].join('\n');
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** The first server's URL with each variable at its default (`https://gateway.example.com`). */
function serverUrl(document: OpenApiDocument): string {
  const server = document.servers?.[0];
  if (server === undefined) throw new Error('the spec names no server');
  return server.url.replace(/\{([^}]+)\}/g, (_, variable: string) => {
    const value = server.variables?.[variable]?.default;
    if (value === undefined) throw new Error(`server variable ${variable} has no default`);
    return value;
  });
}

function credentials(document: OpenApiDocument, entry: OperationEntry): Credential[] {
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

function parameters(document: OpenApiDocument, entry: OperationEntry): ParameterObject[] {
  return [...(entry.pathItem.parameters ?? []), ...(entry.operation.parameters ?? [])].map((parameter) =>
    dereference<ParameterObject>(document, parameter),
  );
}

function parameterExample(document: OpenApiDocument, parameter: ParameterObject): unknown {
  if (parameter.example !== undefined) return parameter.example;
  const [first] = Object.values(parameter.examples ?? {});
  if (first !== undefined) return dereference<ExampleObject>(document, first).value;
  throw new Error(`parameter ${parameter.name} has no example to put in the sample`);
}

/** The request body's first example: `example`, else the first of `examples`. */
function firstRequestExample(document: OpenApiDocument, entry: OperationEntry): RequestExample | undefined {
  if (entry.operation.requestBody === undefined) return undefined;
  const body = dereference<RequestBodyObject>(document, entry.operation.requestBody);
  const [contentType, media] = Object.entries(body.content)[0] ?? [];
  if (contentType === undefined || media === undefined) return undefined;
  if (media.example !== undefined) return { contentType, value: media.example };
  const [first] = Object.values(media.examples ?? {});
  if (first === undefined)
    throw new Error(`${entry.method.toUpperCase()} ${entry.name}: the request body has no example`);
  return { contentType, value: dereference<ExampleObject>(document, first).value };
}

/** JSON on one line, spaced as the source document writes it: `{"cause": "USER_BUSY"}`. */
function inlineJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    return `{${Object.entries(value)
      .map(([key, item]) => `${JSON.stringify(key)}: ${inlineJson(item)}`)
      .join(', ')}}`;
  }
  return JSON.stringify(value);
}

function shellQuote(text: string): string {
  return `'${text.replaceAll("'", `'\\''`)}'`;
}

/** A JavaScript literal in the house style: single quotes, bare keys where they may be bare. */
function typescriptLiteral(value: unknown): string {
  if (typeof value === 'string')
    return `'${JSON.stringify(value).slice(1, -1).replaceAll('\\"', '"').replaceAll("'", "\\'")}'`;
  if (Array.isArray(value)) return `[${value.map(typescriptLiteral).join(', ')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value).map(
      ([key, item]) => `${IDENTIFIER.test(key) ? key : typescriptLiteral(key)}: ${typescriptLiteral(item)}`,
    );
    return entries.length === 0 ? '{}' : `{ ${entries.join(', ')} }`;
  }
  return JSON.stringify(value);
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
