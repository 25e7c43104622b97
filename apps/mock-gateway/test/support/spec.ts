// Validators from the bundled spec, to hold the mock's answers to the contract.
import { loadBundledSpec } from '@call-control/spec';
import { createSpecValidator } from '@call-control/spec/validator';
import { expect } from 'vitest';

/** The bundle, as loosely typed as `@call-control/spec` gives it: tests walk it by key. */
export const spec = loadBundledSpec();
const { validatorFor } = createSpecValidator(spec);
/** Where the spec's problem types live. */
export const PROBLEM_TYPE_BASE: string = spec['x-problem-type-base'];

/** The violations of one value against the schema at a pointer of the spec, as text. */
export function specViolations(pointer: string, value: unknown): string[] {
  const validate = validatorFor(pointer);
  return validate(value)
    ? []
    : (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message}`);
}

export function expectValid(schema: string, value: unknown): void {
  const validate = validatorFor(`#/components/schemas/${schema}`);
  validate(value);
  expect(validate.errors ?? [], `${schema}: ${JSON.stringify(value)}`).toEqual([]);
}

/** Reads a problem response and checks it against the spec's Problem schema. */
export async function expectProblem(response: Response, status: number, slug?: string) {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toBe('application/problem+json');
  const body = await response.json();
  expectValid('Problem', body);
  expect(body.status).toBe(status);
  if (slug !== undefined) expect(body.type).toBe(`${PROBLEM_TYPE_BASE}${slug}`);
  return body;
}

export const timing = (command: string) =>
  spec.paths[`/api/v1/sessions/{uuid}/commands/${command}`].post['x-webhooks-triggered'];
