// The code a README shows, taken from the README as installed (the one npm users read), so
// the examples the tests run are the examples people copy.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The fenced code blocks of a Markdown file in one language (`js`, `ts`, `sh`), in order. */
function codeBlocks(markdown: string, language: string): string[] {
  return [...markdown.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)]
    .filter(([, lang]) => lang === language)
    .map(([, , code]) => code!);
}

/** The first `language` block of an installed package's README that contains `marker`. */
export function readmeExample(projectDir: string, packageName: string, language: string, marker: string): string {
  const readme = readFileSync(join(projectDir, 'node_modules', packageName, 'README.md'), 'utf8');
  const example = codeBlocks(readme, language).find((code) => code.includes(marker));
  if (example === undefined) throw new Error(`${packageName}'s README has no \`${language}\` example with ${marker}`);
  return example;
}

/** The source document's curl commands (spec/source/), as printed there (for `sh -c`). */
export function sourceCurlCommands(): string[] {
  const source = readFileSync(new URL('../../../../spec/source/call-control.original.txt', import.meta.url), 'utf8');
  return [
    ...source.matchAll(/curl -X POST https:\/\/gateway\.example\.com\S+ \\\n(?:-H "[^"]*" \\\n)+-d '[^']*'/g),
  ].map(([command]) => command);
}
