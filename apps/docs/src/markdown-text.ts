// Small pieces of Markdown the agent docs are written with: table cells, fenced code, heading
// levels and relative links moved with the text they are in.

/** A table cell: one line, pipes escaped. */
export function cell(text: string): string {
  return text
    .replace(/\s*\n\s*/g, ' ')
    .replaceAll('|', '\\|')
    .trim();
}

export function table(headings: string[], rows: string[][]): string {
  return [
    `| ${headings.join(' | ')} |`,
    `|${headings.map(() => '---').join('|')}|`,
    ...rows.map((row) => `| ${row.map(cell).join(' | ')} |`),
  ].join('\n');
}

/** The first paragraph of a description (up to the first blank line), on one line. */
export function firstParagraph(text: string | undefined): string {
  return cell((text ?? '').trim().split(/\n\s*\n/)[0] ?? '');
}

/** The first sentence of a description, for one-line notes (llms.txt). */
export function firstSentence(text: string | undefined): string {
  const paragraph = firstParagraph(text);
  const end = paragraph.search(/\.(\s|$)/);
  return end === -1 ? paragraph : paragraph.slice(0, end + 1);
}

/** `code` fenced, with a fence longer than any run of backticks inside it. */
export function fence(code: string, language = ''): string {
  const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map(([run]) => run.length));
  const marks = '`'.repeat(longest + 1);
  return `${marks}${language}\n${code.replace(/\n$/, '')}\n${marks}`;
}

/** Each line of `markdown` outside fenced code, passed through `change`. */
function outsideCode(markdown: string, change: (line: string) => string): string {
  let fenceOpen: string | undefined;
  return markdown
    .split('\n')
    .map((line) => {
      const marks = /^(`{3,}|~{3,})/.exec(line)?.[1];
      if (marks !== undefined && (fenceOpen === undefined || marks.startsWith(fenceOpen))) {
        fenceOpen = fenceOpen === undefined ? marks : undefined;
        return line;
      }
      return fenceOpen === undefined ? change(line) : line;
    })
    .join('\n');
}

/** Every heading `by` levels deeper (`#` → `##`), code left alone; beyond `######` stays `######`. */
export function demoteHeadings(markdown: string, by: number): string {
  return outsideCode(markdown, (line) =>
    line.replace(/^(#{1,6}) /, (_, hashes: string) => `${'#'.repeat(Math.min(6, hashes.length + by))} `),
  );
}

const ABSOLUTE = /^([a-z][a-z0-9+.-]*:|\/|#)/i;

/** Relative link targets (`[text](file)`) prefixed, for text moved into a folder (`../`). */
export function rebaseLinks(markdown: string, prefix: string): string {
  if (prefix === '') return markdown;
  return outsideCode(markdown, (line) =>
    line.replace(/\]\(([^)\s]+)\)/g, (whole, target: string) =>
      ABSOLUTE.test(target) ? whole : `](${prefix}${target})`,
    ),
  );
}
