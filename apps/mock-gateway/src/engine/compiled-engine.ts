// The spec's routes, security and request schemas, compiled once at start-up: the verdict
// Prism gives on an ordinary request (the differential test holds the two to the same answers
// over the fuzz corpus), without Prism's per-request pipeline. Routes come from `paths`,
// security from the security schemes, validation from each operation's own schemas (Ajv, as
// Prism validates them; the messages are Ajv's in both).
import { escapePointerToken, formatPointer, resolvePointer } from '@call-control/spec/json-pointer';
import { createSpecValidator } from '@call-control/spec/validator';
import type { ErrorObject, ValidateFunction } from '@call-control/spec/validator';
import { isJsonContentType } from '../http/media-type.js';
import { matchPathTemplate } from './path-template.js';
import type { FieldError } from '../common/problems.js';
import type { SpecNode } from '../common/spec-model.js';
import type { EngineRequest, EngineVerdict } from './engine-verdict.js';

interface CompiledOperation {
  method: string;
  path: string;
  operationId: string;
  /** The header names the security requirement needs (lower case). */
  securityHeaders: string[];
  parameters: { name: string; validate: ValidateFunction }[];
  /** The `application/json` request body's schema, when the operation takes one. */
  validateBody: ValidateFunction | undefined;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const NOT_ALLOWED = 'is not allowed: the command takes no such field';

/** One Ajv error as the spec's ProblemFieldError (an unknown field named at its own pointer, with `notAllowed`). */
export function bodyFieldError(
  { instancePath, keyword, params, message }: ErrorObject,
  notAllowed = NOT_ALLOWED,
): FieldError {
  if (keyword === 'additionalProperties')
    return { pointer: `${instancePath}/${escapePointerToken(params.additionalProperty)}`, detail: notAllowed };
  const allowed = 'allowedValues' in params ? `: ${(params.allowedValues as unknown[]).join(', ')}` : '';
  return { pointer: instancePath, detail: `${message ?? keyword}${allowed}` };
}

function securityHeadersOf(document: SpecNode, operation: SpecNode): string[] {
  const requirements: SpecNode[] = operation.security ?? document.security ?? [];
  // One requirement object (all its schemes together) is what the spec uses; take the first.
  const names = Object.keys(requirements[0] ?? {});
  return names.flatMap((name) => {
    const scheme = document.components.securitySchemes[name];
    return scheme.type === 'apiKey' && scheme.in === 'header' ? [String(scheme.name).toLowerCase()] : [];
  });
}

/** Where a value of the document really is: its pointer, after following its `$ref`s. */
function locate(document: SpecNode, pointer: string): string {
  let at = pointer;
  for (
    let node = resolvePointer(document, at) as SpecNode;
    typeof node?.$ref === 'string';
    node = resolvePointer(document, at)
  )
    at = node.$ref;
  return at;
}

function compileOperations(document: SpecNode): CompiledOperation[] {
  // Every schema compiled where it stands in the document, so its own `$ref`s resolve there.
  const { validatorFor } = createSpecValidator(document, { allErrors: true });
  const operations: CompiledOperation[] = [];
  for (const [path, item] of Object.entries<SpecNode>(document.paths)) {
    const itemAt = `#${formatPointer(['paths', path])}`;
    for (const method of METHODS.filter((name) => item[name] !== undefined)) {
      const operation = item[method];
      const at = `${itemAt}/${method}`;
      const parameterPointers = [
        ...(item.parameters ?? []).map((_: unknown, i: number) => locate(document, `${itemAt}/parameters/${i}`)),
        ...(operation.parameters ?? []).map((_: unknown, i: number) => locate(document, `${at}/parameters/${i}`)),
      ];
      const parameters = parameterPointers
        .filter((pointer) => (resolvePointer(document, pointer) as SpecNode).in === 'path')
        .map((pointer) => ({
          name: (resolvePointer(document, pointer) as SpecNode).name,
          validate: validatorFor(`${pointer}/schema`),
        }));
      const bodyAt =
        operation.requestBody === undefined
          ? undefined
          : `${locate(document, `${at}/requestBody`)}/content/application~1json/schema`;
      operations.push({
        method,
        path,
        operationId: operation.operationId,
        securityHeaders: securityHeadersOf(document, operation),
        parameters,
        validateBody: bodyAt === undefined ? undefined : validatorFor(bodyAt),
      });
    }
  }
  return operations;
}

// Compiling is most of a start-up (Ajv builds each validator as code): each document is compiled
// once per process, and every engine made from it after the first shares the validators (they
// keep no state between calls but the last call's errors, read at once).
const compiled = new WeakMap<object, CompiledOperation[]>();

export function createCompiledEngine(document: object) {
  const operations = compiled.get(document) ?? compileOperations(document);
  compiled.set(document, operations);
  return {
    check({ method, path, headers, body }: EngineRequest): EngineVerdict {
      const lower = method.toLowerCase();
      // The operation of this method whose template the path matches, and its parameters.
      let operation: CompiledOperation | undefined;
      let params: Record<string, string> | undefined;
      for (const candidate of operations) {
        if (candidate.method !== lower) continue;
        params = matchPathTemplate(candidate.path, path);
        if (params !== undefined) {
          operation = candidate;
          break;
        }
      }
      if (operation === undefined || params === undefined) {
        const allow = operations
          .filter((candidate) => matchPathTemplate(candidate.path, path) !== undefined)
          .map((candidate) => candidate.method.toUpperCase());
        return allow.length === 0 ? { kind: 'no-route' } : { kind: 'no-method', allow };
      }
      const violations: FieldError[] = [];
      for (const { name, validate } of operation.parameters) {
        if (!validate(params[name]))
          for (const error of validate.errors ?? [])
            violations.push({ parameter: name, detail: error.message ?? error.keyword });
      }
      if (
        operation.validateBody !== undefined &&
        isJsonContentType(headers['content-type']) &&
        !operation.validateBody(body)
      )
        violations.push(...(operation.validateBody.errors ?? []).map((error) => bodyFieldError(error)));
      return {
        kind: 'routed',
        operationId: operation.operationId,
        unauthorized: operation.securityHeaders.some((name) => headers[name] === undefined),
        violations,
      };
    },
  };
}
