// Generates src/generated/openapi.ts from the bundled contract with openapi-typescript:
// `paths`, `webhooks`, `components` and `operations`. `--check` regenerates in memory and
// fails if the committed file differs (the freshness check the tests run).
import { loadBundledSpec } from '@call-control/spec';
import { runGenerator } from '@call-control/spec/generated-file';
import { renderTypes } from './render-types.mjs';

await runGenerator({
  target: new URL('../src/generated/openapi.ts', import.meta.url),
  name: 'packages/types/src/generated/openapi.ts',
  render: () => renderTypes(loadBundledSpec()),
});
