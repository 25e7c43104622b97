// The contract's commands as the kit reads them: every operation with `x-webhooks-triggered`,
// its route and session parameter, the credentials its security asks for, its request schema
// and examples, each documented answer with its examples, and the webhooks it triggers in order.
import { escapePointerToken } from '@call-control/spec';
import { at, follow, pointerTo, refOr, type Json } from './spec-document.js';

export interface TriggeredWebhook {
  webhook: string;
  trigger: string;
  /** The bound the contract promises: within this long of the `202`. */
  maxDelayMs: number;
}

export interface ContractResponse {
  status: string;
  pointer: string;
  mediaType: string | undefined;
  schemaPointer: string | undefined;
  /** Named examples (by component name when they are references). */
  examples: string[];
  headers: string[];
}

export interface ContractCommand {
  operationId: string;
  method: string;
  /** The operation (`#/paths/~1api~1v1~1sessions~1{uuid}~1commands~1hangup/post`). */
  pointer: string;
  /** The request path for a session. */
  path(session: string): string;
  /** The security schemes it needs, each an API key in a header. */
  credentials: { scheme: string; header: string }[];
  requestSchemaPointer: string;
  /** The request body's named examples, in order. */
  requestExamples: { name: string; value: Json }[];
  responses: ContractResponse[];
  /** `x-webhooks-triggered`. */
  triggeredPointer: string;
  timeoutMs: number;
  triggered: TriggeredWebhook[];
}

const EXTENSION = 'x-webhooks-triggered';
const nameOf = (ref: string) => ref.slice(ref.lastIndexOf('/') + 1);

function readResponses(spec: Json, pointer: string, operation: Json): ContractResponse[] {
  return Object.entries((operation.responses ?? {}) as Record<string, Json>).map(([status, raw]) => {
    const responsePointer = refOr(raw, `${pointer}/responses/${status}`);
    const response = follow(spec, raw);
    const [mediaType, content] = Object.entries((response.content ?? {}) as Record<string, Json>)[0] ?? [];
    return {
      status,
      pointer: responsePointer,
      mediaType,
      schemaPointer:
        content?.schema === undefined
          ? undefined
          : refOr(content.schema, `${responsePointer}/content/${escapePointerToken(mediaType!)}/schema`),
      examples: Object.entries((content?.examples ?? {}) as Record<string, Json>).map(([name, example]) =>
        typeof example?.$ref === 'string' ? nameOf(example.$ref) : name,
      ),
      headers: Object.keys(response.headers ?? {}),
    };
  });
}

function readCredentials(spec: Json, pointer: string, operation: Json): ContractCommand['credentials'] {
  const requirements = (operation.security ?? spec.security ?? []) as Json[];
  return Object.keys(requirements[0] ?? {}).map((scheme) => {
    const definition = at(spec, pointerTo('components', 'securitySchemes', scheme));
    if (definition.type !== 'apiKey' || definition.in !== 'header')
      throw new Error(`${pointer}: security scheme ${scheme} is not an API key in a header`);
    return { scheme, header: String(definition.name) };
  });
}

function readCommand(spec: Json, route: string, method: string): ContractCommand {
  const pointer = pointerTo('paths', route, method);
  const operation = at(spec, pointer);
  const parameters = [...(at(spec, pointerTo('paths', route)).parameters ?? []), ...(operation.parameters ?? [])];
  const inPath = parameters
    .map((raw: unknown) => follow(spec, raw))
    .filter((parameter: Json) => parameter.in === 'path');
  if (inPath.length !== 1) throw new Error(`${pointer}: a command names its session with one path parameter`);
  const template = `{${inPath[0]!.name}}`;
  const body = follow(spec, operation.requestBody);
  const content = body.content?.['application/json'];
  if (content?.schema === undefined) throw new Error(`${pointer} has no application/json request schema`);
  const extension = operation[EXTENSION] as Json;
  return {
    operationId: String(operation.operationId),
    method: method.toUpperCase(),
    pointer,
    path: (session) => route.replace(template, encodeURIComponent(session)),
    credentials: readCredentials(spec, pointer, operation),
    requestSchemaPointer: refOr(
      content.schema,
      `${refOr(operation.requestBody, `${pointer}/requestBody`)}/content/application~1json/schema`,
    ),
    requestExamples: Object.entries((content.examples ?? {}) as Record<string, Json>).map(([name, raw]) => ({
      name: typeof raw?.$ref === 'string' ? nameOf(raw.$ref) : name,
      value: follow(spec, raw).value as Json,
    })),
    responses: readResponses(spec, pointer, operation),
    triggeredPointer: `${pointer}/${EXTENSION}`,
    timeoutMs: Number(extension.timeout_ms),
    triggered: (extension.webhooks as Json[]).map((entry) => ({
      webhook: String(entry.webhook),
      trigger: String(entry.trigger),
      maxDelayMs: Number(entry.max_delay_ms),
    })),
  };
}

/** Every command of the contract (an operation with `x-webhooks-triggered`), in the spec's order. */
export function readCommands(spec: Json): ContractCommand[] {
  return Object.entries((spec.paths ?? {}) as Record<string, Json>).flatMap(([route, item]) =>
    Object.keys(item as Json)
      .filter((method) => (item as Json)[method]?.[EXTENSION] !== undefined)
      .map((method) => readCommand(spec, route, method)),
  );
}
