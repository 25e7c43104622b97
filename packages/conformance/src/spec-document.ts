// Reading the bundled spec by JSON Pointer, with its local `$ref`s followed: the spec package's
// own pointer helpers, typed for the plain objects the kit walks.
import { dereference, formatPointer, type loadBundledSpec, resolvePointer } from '@call-control/spec';

/** A JSON object of the spec, indexed by key. */
// As loose as the bundle's own type (`loadBundledSpec`'s): the spec is walked by key, and each
// shape is checked where it is read.
export type Json = ReturnType<typeof loadBundledSpec>;

/** `#` and the pointer of the tokens: `('paths', '/a/{b}')` → `#/paths/~1a~1{b}`. */
export const pointerTo = (...tokens: (string | number)[]): string => `#${formatPointer(tokens)}`;

/** The object at a pointer, `$ref`s followed; throws when there is none. */
export function at(spec: Json, pointer: string): Json {
  const value = dereference<unknown>(spec, resolvePointer(spec, pointer));
  if (value === null || typeof value !== 'object') throw new Error(`the contract has no object at ${pointer}`);
  return value as Json;
}

/** A value of the spec with its `$ref`s followed (the value itself when it is not one). */
export const follow = (spec: Json, value: unknown): Json => dereference<Json>(spec, value);

/** Where a `$ref` points, or the pointer the value was found at. */
export const refOr = (value: unknown, pointer: string): string =>
  value !== null && typeof value === 'object' && typeof (value as Json).$ref === 'string'
    ? ((value as Json).$ref as string)
    : pointer;
