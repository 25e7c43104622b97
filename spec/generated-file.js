// Files derived from the bundled contract (generated types, compiled validators) are
// committed, and must never drift from it. One way to produce them, for every generator:
// `--check` renders in memory and fails with the `pnpm generate` hint if the committed file
// differs (the freshness tests run this); otherwise the file is written, and only on change,
// so a second run touches nothing and turbo sees no new input.
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

/**
 * Runs a generator's command line. `target` is the file's URL, `name` its path as the hint
 * shows it, `render` makes its content from the bundle.
 */
export async function runGenerator({ target, name, render }) {
  let check;
  try {
    ({
      values: { check },
    } = parseArgs({ options: { check: { type: 'boolean', default: false } } }));
  } catch (error) {
    console.error(`generate: ${error.message}`);
    process.exit(2);
  }
  const fresh = await render();
  let current; // a missing file is as stale as an outdated one
  try {
    current = readFileSync(target, 'utf8');
  } catch (error) {
    if (error.code !== 'ENOENT') throw error;
  }
  if (check) {
    if (current !== fresh) {
      console.error(`${name} is stale: run \`pnpm generate\``);
      process.exit(1);
    }
  } else if (current !== fresh) {
    writeFileSync(target, fresh);
  }
}
