// The control plane's request bodies, checked against the schemas of its own OpenAPI document
// (dist/control-plane.json, which the build bundles from openapi/) with the spec's validator:
// the document the tests hold every control answer to is the one that judges the requests, so
// the two cannot disagree. Compiled on first use, so start-up does not pay for it.
import { readFileSync } from 'node:fs';
import { formatPointer } from '@call-control/spec/json-pointer';
import { createSpecValidator, type SpecValidator } from '@call-control/spec/validator';
import { bodyFieldError } from '../engine/compiled-engine.js';
import { accept, type Outcome, refuse } from '../common/outcome.js';
import type { FieldError } from '../common/problems.js';

/** The control plane's request body schemas, by name under `#/components/schemas/`. */
export type ControlBody = 'NewSessionRequest' | 'RemoteHangupRequest';

const DOCUMENT_URL = new URL('../../dist/control-plane.json', import.meta.url);
const NOT_ALLOWED = 'is not allowed: the request takes no such field';

let validator: (SpecValidator & { document: Record<string, unknown> }) | undefined;
const compiled = () => {
  if (validator === undefined) {
    const document = readControlPlaneDocument();
    validator = { ...createSpecValidator(document), document };
  }
  return validator;
};

/** The control plane's document, as the build bundled it. */
export function readControlPlaneDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(DOCUMENT_URL, 'utf8'));
}

/** The body, valid against its schema in the control plane's document; refused with each field that is not. */
export function checkControlBody<Value>(schema: ControlBody, body: unknown): Outcome<Value, FieldError[]> {
  const validate = compiled().validatorFor(`#/components/schemas/${schema}`);
  if (validate(body)) return accept(body as Value);
  return refuse((validate.errors ?? []).map((error) => bodyFieldError(error, NOT_ALLOWED)));
}

/** A header of an operation of the control plane's document, valid against its parameter's schema; refused with the rule it breaks. */
export function checkControlHeader(
  path: string,
  method: 'get' | 'post',
  header: string,
  value: string,
): Outcome<string, FieldError> {
  const { document, validatorFor } = compiled();
  const operation = (document.paths as Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>)[
    path
  ]?.[method];
  const index = (operation?.parameters ?? []).findIndex(
    (parameter) => parameter.in === 'header' && parameter.name.toLowerCase() === header.toLowerCase(),
  );
  if (index < 0) throw new Error(`the control plane's document has no header ${header} on ${method} ${path}`);
  const validate = validatorFor(`#${formatPointer(['paths', path, method, 'parameters', String(index), 'schema'])}`);
  if (validate(value)) return accept(value);
  return refuse({ header, detail: validate.errors?.[0]?.message ?? 'breaks its rule' });
}
