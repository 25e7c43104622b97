// Generates src/generated/openapi.ts from the bundled contract with openapi-typescript:
// `paths`, `webhooks`, `components` and `operations`. `--check` regenerates in memory and
// fails if the committed file differs (the freshness check the tests run).
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { bundledSpecJsonPath } from '@call-control/spec';
import { renderTypes } from './render-types.mjs';

let check;
try {
  ({ values: { check } } = parseArgs({ options: { check: { type: 'boolean', default: false } } }));
} catch (error) {
  console.error(`generate: ${error.message}`);
  process.exit(2);
}

const target = new URL('../src/generated/openapi.ts', import.meta.url);
const fresh = await renderTypes(JSON.parse(readFileSync(bundledSpecJsonPath, 'utf8')));

if (check) {
  const committed = readFileSync(target, 'utf8');
  if (committed !== fresh) {
    console.error('packages/types/src/generated/openapi.ts is stale: run `pnpm generate`');
    process.exit(1);
  }
} else {
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {}
  // Write only on change, so a second run touches nothing (and turbo sees no new input).
  if (current !== fresh) writeFileSync(target, fresh);
}
