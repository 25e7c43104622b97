// The bundled contract, for Node consumers that read it (the mock gateway, the docs build, the
// generators, the tests): where it is, and one way to load it. Browsers and bundlers import
// `@call-control/spec/openapi.json` instead.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const bundledSpecJsonPath = fileURLToPath(new URL('./dist/openapi.json', import.meta.url));
export const bundledSpecYamlPath = fileURLToPath(new URL('./dist/openapi.yaml', import.meta.url));
/** The source document's call flows as Arazzo workflows (run by `redocly respect`). */
export const callFlowsPath = fileURLToPath(new URL('./arazzo/call-flows.arazzo.yaml', import.meta.url));

/**
 * The bundled contract as a plain object, parsed anew on each call: some readers (Prism's
 * dereferencing among them) change the object they are given, so nobody shares one.
 */
export function loadBundledSpec(path = bundledSpecJsonPath) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    if (error.code === 'ENOENT')
      throw new Error(`${path} is missing: build the spec first (\`pnpm build\`)`, { cause: error });
    throw error;
  }
}

export { dereference, escapePointerToken, formatPointer, parsePointer, resolvePointer } from './json-pointer.js';
