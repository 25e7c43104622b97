// 5. Sizes: the client bundle beside openapi-fetch's own, and the docs page.
import { execFileSync } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../..', import.meta.url));

export function measureSizes({ log }) {
  const client = JSON.parse(
    execFileSync(process.execPath, ['scripts/size.mjs'], { cwd: `${root}/packages/client`, encoding: 'utf8' }),
  );
  const page = `${root}/apps/docs/dist/index.html`;
  const docs = { bytes: statSync(page).size, gzip: gzipSync(readFileSync(page)).length };
  log(
    `  client ${client.client.gzip} B min+gzip, openapi-fetch alone ${client.openapiFetch.gzip} B; docs page ${docs.bytes} B (${docs.gzip} B gzip)`,
  );
  return { client: client.client, openapiFetch: client.openapiFetch, docsPage: docs };
}
