// The same JSON value written as bytes `JSON.stringify` would never give: other whitespace,
// `\u`-escaped characters, members in another order. A receiver that verifies the signature
// over a body it parsed and wrote again (instead of the bytes it received) refuses these.

type Value = null | boolean | number | string | Value[] | { [key: string]: Value };

interface Writer {
  indent: string;
  newline: string;
  /** Between a member's name and its value. */
  colon: string;
  keys(object: Record<string, Value>): string[];
  string(text: string): string;
}

function write(value: Value, writer: Writer, depth: number): string {
  if (value === null || typeof value !== 'object')
    return typeof value === 'string' ? writer.string(value) : JSON.stringify(value);
  const inner = writer.newline + writer.indent.repeat(depth + 1);
  const outer = writer.newline + writer.indent.repeat(depth);
  const items = Array.isArray(value)
    ? value.map((item) => write(item, writer, depth + 1))
    : writer.keys(value).map((key) => `${writer.string(key)}${writer.colon}${write(value[key]!, writer, depth + 1)}`);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return items.length === 0 ? `${open}${close}` : `${open}${inner}${items.join(`,${inner}`)}${outer}${close}`;
}

const hex = (code: number) => `\\u${code.toString(16).padStart(4, '0')}`;
/** A string with its first character `\u`-escaped (both halves of a surrogate pair), the rest as JSON writes it. */
function escapeFirst(text: string): string {
  if (text === '') return '""';
  const first = text.codePointAt(0)!;
  const width = first > 0xffff ? 2 : 1;
  const escaped = [...text.slice(0, width)].flatMap((char) =>
    char.length === 2 ? [char.charCodeAt(0), char.charCodeAt(1)] : [char.charCodeAt(0)],
  );
  return `"${escaped.map(hex).join('')}${JSON.stringify(text.slice(width)).slice(1, -1)}"`;
}

const plainKeys = (object: Record<string, Value>) => Object.keys(object);
const compact: Writer = {
  indent: '',
  newline: '',
  colon: ':',
  keys: plainKeys,
  string: (text) => JSON.stringify(text),
};

/** Each non-canonical form, by what makes it so. */
export const NON_CANONICAL_FORMS: Record<string, (value: unknown) => string> = {
  // Tabs, CRLF line ends, spaces around each colon and a trailing newline.
  whitespace: (value) => `${write(value as Value, { ...compact, indent: '\t', newline: '\r\n', colon: ' : ' }, 0)}\r\n`,
  'unicode-escapes': (value) => write(value as Value, { ...compact, string: escapeFirst }, 0),
  'member-order': (value) => write(value as Value, { ...compact, keys: (object) => Object.keys(object).reverse() }, 0),
};
