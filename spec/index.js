// Where the bundled contract lives, for Node consumers that read it from disk
// (the mock gateway, the docs build, the tests). Browsers and bundlers import
// `@call-control/spec/openapi.json` instead.
import { fileURLToPath } from 'node:url';

export const bundledSpecJsonPath = fileURLToPath(new URL('./dist/openapi.json', import.meta.url));
export const bundledSpecYamlPath = fileURLToPath(new URL('./dist/openapi.yaml', import.meta.url));
/** The source document's call flows as Arazzo workflows (run by `redocly respect`). */
export const callFlowsPath = fileURLToPath(new URL('./arazzo/call-flows.arazzo.yaml', import.meta.url));
