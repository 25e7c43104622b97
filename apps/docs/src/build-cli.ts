// The `build` script's second half (after tsc): writes dist/ and says what it wrote.
import { relative } from 'node:path';
import { buildDocs } from './build-docs.js';

try {
  const { indexPath, files, pageBytes, durationMs } = await buildDocs();
  const where = relative(process.cwd(), indexPath) || indexPath;
  const beside = files.filter((file) => file !== 'index.html');
  const markdown = beside.filter((file) => file.endsWith('.md'));
  const others = beside.filter((file) => !file.endsWith('.md'));
  console.log(
    `docs built: ${where} (${Math.ceil(pageBytes / 1024)} KiB, self-contained) with ${others.join(', ')} and ${markdown.length} Markdown pages beside it, in ${(durationMs / 1000).toFixed(1)} s`,
  );
} catch (error) {
  console.error(`docs build failed: ${(error as Error).message}`);
  process.exit(1);
}
