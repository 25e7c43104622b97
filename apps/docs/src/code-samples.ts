// The code samples of every command and webhook, generated from the bundled spec at build time
// and handed to Redoc as `x-codeSamples`: for a command, the `curl` form the source document
// uses, the same call with `@call-control/client`, and with Python's `requests`; for a webhook,
// a Python receiver that verifies it. Nothing here is hand-kept per operation: the URL, the
// headers, the body and the method all come from the spec, so a change there changes the samples.
import { listOperations, type CodeSample, type OpenApiDocument, type OperationEntry } from './openapi-document.js';
import { pythonReceiverSample } from './python-receiver.js';
import { pythonSample } from './python-sample.js';
import {
  credentials,
  firstRequestExample,
  IDENTIFIER,
  isEmptyObject,
  parameterExample,
  parameters,
  serverUrl,
} from './sample-inputs.js';

/** The tab labels (and Redoc `lang`s) of the samples, in the order the page shows them. */
export const SAMPLE_LANGUAGES = { curl: 'curl', typescript: 'TypeScript', python: 'Python' } as const;

export const CLIENT_PACKAGE = '@call-control/client';

/**
 * `createCallControlClient({ baseUrl, appId, apiKey })` (see packages/client/README.md): which
 * client option carries which of the spec's security schemes. The build fails when the spec's auth no longer matches,
 * rather than publish a sample that cannot work.
 */
const CLIENT_CREDENTIAL_OPTIONS: Record<string, string> = { AppId: 'appId', ApiKey: 'apiKey' };

/** Every operation gets its samples: a command the calls, a webhook the receiver. */
export function withCodeSamples(document: OpenApiDocument): OpenApiDocument {
  const copy = structuredClone(document);
  for (const entry of listOperations(copy)) entry.operation['x-codeSamples'] = codeSamplesFor(copy, entry);
  return copy;
}

const sample = (lang: string, source: string): CodeSample => ({ lang, label: lang, source });

export function codeSamplesFor(document: OpenApiDocument, entry: OperationEntry): CodeSample[] {
  // The gateway sends a webhook, so what you write for it is the receiver.
  if (entry.kind === 'webhook') return [sample(SAMPLE_LANGUAGES.python, pythonReceiverSample(document, entry))];
  return [
    sample(SAMPLE_LANGUAGES.curl, curlSample(document, entry)),
    sample(SAMPLE_LANGUAGES.typescript, typescriptSample(document, entry)),
    sample(SAMPLE_LANGUAGES.python, pythonSample(document, entry)),
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
