// The first step of `lint`: TypeScript types of the control plane's OpenAPI document
// (openapi/control-plane.yaml, with the contract's schemas it takes from the bundle), made by
// openapi-typescript, for the type check of the inspector's JavaScript (tsconfig.inspector.json),
// which reads the stream's events and the control plane's answers by them. Derived at each
// check and never committed: they quote the contract (its commands, its causes), so a copy in
// the repository would be one more file to regenerate with every change of the contract.
import { mkdirSync, writeFileSync } from 'node:fs';
import openapiTS, { astToString } from 'openapi-typescript';

const target = new URL('../node_modules/.cache/control-plane-types/index.d.ts', import.meta.url);
const ast = await openapiTS(new URL('../openapi/control-plane.yaml', import.meta.url));
mkdirSync(new URL('.', target), { recursive: true });
writeFileSync(
  target,
  `// Derived from openapi/control-plane.yaml by scripts/control-plane-types.mjs (openapi-typescript).\n${astToString(ast)}`,
);
