// A named import: under node16 the default import of Ajv's CommonJS module is its namespace.
import type { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv';
/** Ajv's compiled validator and its errors, for consumers that do not depend on Ajv themselves. */
export type { ErrorObject, ValidateFunction } from 'ajv';

export interface SpecValidator {
  readonly ajv: Ajv2020;
  /** The compiled validator of the schema at a JSON Pointer of the spec (`#/components/…`). */
  validatorFor(pointer: string): ValidateFunction;
}
/** A validator factory over one bundled spec document (JSON Schema 2020-12, with formats). */
export declare function createSpecValidator(
  spec: object,
  options?: { allErrors?: boolean; code?: import('ajv').CodeOptions },
): SpecValidator;
/**
 * Checks whole webhook deliveries against the spec's webhook definitions (each header its
 * `parameters` define, the body against its event schema), independently of any receiver
 * library. Headers are keyed in lower case. Returns the violations; none means valid.
 */
export declare function createWebhookDeliveryChecker(
  spec: object,
): (headers: Record<string, string | undefined>, body: string) => string[];
