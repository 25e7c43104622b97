// The control plane's request bodies, checked against the schemas of its own OpenAPI document
// (dist/control-plane.json, which the build bundles from openapi/) with the spec's validator:
// the document the tests hold every control answer to is the one that judges the requests, so
// the two cannot disagree. Compiled on first use, so start-up does not pay for it.
import { readFileSync } from 'node:fs';
import { createSpecValidator, type SpecValidator } from '@call-control/spec/validator';
import { bodyFieldError } from '../engine/compiled-engine.js';
import { accept, type Outcome, refuse } from '../shared/outcome.js';
import type { FieldError } from '../shared/problems.js';

/** The control plane's request body schemas, by name under `#/components/schemas/`. */
export type ControlBody = 'NewSessionRequest' | 'RemoteHangupRequest';

const DOCUMENT_URL = new URL('../../dist/control-plane.json', import.meta.url);
const NOT_ALLOWED = 'is not allowed: the request takes no such field';

let validator: SpecValidator | undefined;

/** The control plane's document, as the build bundled it. */
export function readControlPlaneDocument(): Record<string, unknown> {
  return JSON.parse(readFileSync(DOCUMENT_URL, 'utf8'));
}

/** The body, valid against its schema in the control plane's document; refused with each field that is not. */
export function checkControlBody<Value>(schema: ControlBody, body: unknown): Outcome<Value, FieldError[]> {
  validator ??= createSpecValidator(readControlPlaneDocument());
  const validate = validator.validatorFor(`#/components/schemas/${schema}`);
  if (validate(body)) return accept(body as Value);
  return refuse((validate.errors ?? []).map((error) => bodyFieldError(error, NOT_ALLOWED)));
}
