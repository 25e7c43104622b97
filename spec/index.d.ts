/** Absolute path of the bundled contract as JSON (`dist/openapi.json`). */
export declare const bundledSpecJsonPath: string;
/** Absolute path of the bundled contract as YAML (`dist/openapi.yaml`). */
export declare const bundledSpecYamlPath: string;
/** Absolute path of the call flows as Arazzo workflows (`arazzo/call-flows.arazzo.yaml`). */
export declare const callFlowsPath: string;
/**
 * The bundled contract as a plain object, parsed anew on each call (default: this package's
 * `dist/openapi.json`). Walk it with the JSON Pointer helpers below; its shape is the OpenAPI
 * 3.1 document, typed loosely on purpose (tests and tools index it by key).
 */
// biome-ignore lint/suspicious/noExplicitAny: the document is plain JSON that readers index by key; a precise type would be OpenAPI's own schema, which no reader needs
export declare function loadBundledSpec(path?: string): any;
export { dereference, escapePointerToken, formatPointer, parsePointer, resolvePointer } from './json-pointer.js';
