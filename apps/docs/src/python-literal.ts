// A JSON value written as a Python literal (what the Python samples embed: request bodies,
// problem bodies). JSON's string escapes are Python's too; only the constants differ.
// With `indent` (the indentation of the line it starts on), a dict is written one entry a line.
export function pythonLiteral(value: unknown, indent?: string): string {
  if (value === null) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (Array.isArray(value)) return `[${value.map((item) => pythonLiteral(item)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${pythonLiteral(item)}`);
    if (indent === undefined || entries.length === 0) return `{${entries.join(', ')}}`;
    return `{\n${entries.map((entry) => `${indent}    ${entry},\n`).join('')}${indent}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) throw new Error(`${value} is not a JSON number`);
  return JSON.stringify(value);
}

/** Python's reserved words: none of them can name a variable in a sample. */
const PYTHON_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except finally for ' +
    'from global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);

export const isPythonIdentifier = (name: string): boolean => /^[A-Za-z_]\w*$/.test(name) && !PYTHON_KEYWORDS.has(name);
