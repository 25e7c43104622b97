// The bundled contract as the tests read it, and where the built site is.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadBundledSpec as loadSpec } from '@call-control/spec';
import type { OpenApiDocument } from '../../src/openapi-document.js';

export const appDir = fileURLToPath(new URL('../..', import.meta.url));
export const repoRoot = join(appDir, '..', '..');
export const docsDir = join(appDir, 'dist');
export const resultsDir = join(appDir, 'test-results');

export function loadBundledSpec(): OpenApiDocument {
  return loadSpec() as OpenApiDocument;
}

/** The built page; the `test` task runs after `build`, so a missing page is a setup error. */
export function builtPagePath(): string {
  const path = join(docsDir, 'index.html');
  if (!existsSync(path))
    throw new Error(`${path} is missing: run \`pnpm docs\` (or turbo's test task, which builds first)`);
  return path;
}
