// The client's size as a browser app would ship it: bundled with esbuild, minified, gzipped —
// beside openapi-fetch's own `createClient` bundled the same way. Prints JSON; `--budget N`
// exits 1 when the client is over N bytes (min+gzip).
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

let values;
try {
  ({ values } = parseArgs({ options: { budget: { type: 'string' } } }));
} catch (error) {
  console.error(`size: ${error.message}`);
  process.exit(2);
}

async function minGzip(contents, resolveDir) {
  const result = await build({
    stdin: { contents, resolveDir, loader: 'js' },
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

const here = new URL('..', import.meta.url).pathname;
const client = await minGzip(
  "import { createCallControlClient } from './dist/index.js'; globalThis.client = createCallControlClient;",
  here,
);
const openapiFetch = await minGzip("import createClient from 'openapi-fetch'; globalThis.client = createClient;", here);
const report = { client, openapiFetch, overheadGzip: client.gzip - openapiFetch.gzip };
console.log(JSON.stringify(report));
if (values.budget !== undefined && client.gzip > Number(values.budget)) {
  console.error(`size: the client is ${client.gzip} B min+gzip, over its budget of ${values.budget} B`);
  process.exit(1);
}
