// The Python sample of a command: the same request as the curl and TypeScript samples, with
// `requests`, carrying a `command_uid` (the command's idempotency key, so a retry is safe), and
// reading the RFC 9457 problem when the gateway refuses it. Built from the spec like the others.
import { dereference } from '@call-control/spec/json-pointer';
import type { OpenApiDocument, OperationEntry } from './openapi-document.js';
import { isPythonIdentifier, pythonLiteral } from './python-literal.js';
import { credentials, parameterExample, parameters, requestExamples, serverUrl } from './sample-inputs.js';

/** The request field that is a command's idempotency key. */
export const IDEMPOTENCY_KEY = 'command_uid';
/** The field of the `2xx` answer that names the operation its webhooks report on. */
export const OPERATION_ID = 'operation_id';

interface ResponseObject {
  content?: Record<string, { schema?: unknown }>;
}

export function pythonSample(document: OpenApiDocument, entry: OperationEntry): string {
  const where = `${entry.method.toUpperCase()} ${entry.name}`;
  const pathParameters = parameters(document, entry).filter((parameter) => parameter.in === 'path');
  for (const { name } of pathParameters)
    if (!isPythonIdentifier(name)) throw new Error(`${where}: path parameter ${name} is not a Python name`);
  const { status, problemType } = answers(document, entry);
  const headers = credentials(document, entry).map(({ header, placeholder }) => `"${header}": "${placeholder}"`);
  const body = bodyWithKey(document, entry);
  return [
    'import requests',
    '',
    `BASE_URL = ${pythonLiteral(serverUrl(document))}`,
    ...pathParameters.map((parameter) => `${parameter.name} = ${pythonLiteral(parameterExample(document, parameter))}`),
    '',
    `response = requests.${entry.method}(`,
    `    f"{BASE_URL}${entry.name}",`,
    `    headers={${headers.join(', ')}},`,
    ...(body === undefined
      ? []
      : [
          `    # ${IDEMPOTENCY_KEY} is the idempotency key: retry with the same one, and the gateway runs it once.`,
          `    json=${pythonLiteral(body)},`,
        ]),
    '    timeout=10,  # seconds; without one, requests may wait forever',
    ')',
    `if response.status_code == ${status}:`,
    '    # Accepted: the result follows by webhook, with this operation_id.',
    `    print(response.status_code, response.json()["${OPERATION_ID}"])`,
    `elif response.headers.get("Content-Type", "").startswith("${problemType}"):`,
    '    # An RFC 9457 problem: what went wrong, and for a validation problem which field, and why.',
    '    problem = response.json()',
    '    print(response.status_code, problem["title"], "-", problem.get("detail", ""))',
    '    for error in problem.get("errors", []):',
    '        where = next(error[key] for key in ("pointer", "parameter", "header") if key in error)',
    `        print(f"  {where!r}: {error['detail']}")`,
    'else:',
    '    print(response.status_code, response.text)',
    '',
  ].join('\n');
}

/** The status that accepts the command (its body names the operation), and the problems' media type. */
function answers(document: OpenApiDocument, entry: OperationEntry): { status: string; problemType: string } {
  const where = `${entry.method.toUpperCase()} ${entry.name}`;
  const responses = Object.entries(entry.operation.responses ?? {}).map(
    ([code, response]) => [code, dereference<ResponseObject>(document, response as ResponseObject)] as const,
  );
  const success = responses.find(([code]) => /^2\d\d$/.test(code));
  if (success === undefined) throw new Error(`${where}: no 2xx response for the sample to expect`);
  const schema = dereference<{ required?: string[] }>(
    document,
    (Object.values(success[1].content ?? {})[0]?.schema ?? {}) as { required?: string[] },
  );
  if (!schema.required?.includes(OPERATION_ID))
    throw new Error(`${where}: the ${success[0]} answer has no required ${OPERATION_ID} for the sample to print`);
  const problemType = responses
    .filter(([code]) => /^[45]/.test(code))
    .flatMap(([, response]) => Object.keys(response.content ?? {}))
    .find((type) => type.includes('problem'));
  if (problemType === undefined) throw new Error(`${where}: no problem media type among its error responses`);
  return { status: success[0], problemType };
}

/** The first request example that sets the idempotency key (the body's first when it has none). */
function bodyWithKey(document: OpenApiDocument, entry: OperationEntry): unknown {
  const examples = requestExamples(document, entry);
  if (examples.length === 0) return undefined;
  const keyed = examples.find(
    ({ value }) => typeof value === 'object' && value !== null && Object.hasOwn(value, IDEMPOTENCY_KEY),
  );
  if (keyed !== undefined) return keyed.value;
  throw new Error(
    `${entry.method.toUpperCase()} ${entry.name}: no request example sets ${IDEMPOTENCY_KEY}, which the Python sample shows`,
  );
}
