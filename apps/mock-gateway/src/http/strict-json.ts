// A request body read as I-JSON (RFC 7493), the profile of JSON that two parties cannot read
// differently: UTF-8 only, and no member name given twice. JSON.parse keeps the last of two
// members of the same name while other parsers (a proxy, a WAF, a logging pipeline) keep the
// first, so `{"cause":"x","cause":"USER_BUSY"}` would be one command to them and another to us.
// JSON.parse judges the syntax; Momoa's syntax tree (which keeps every member) finds a name
// given twice, decoded as JSON decodes it (`"c\u0061use"` is `cause`). Nesting is bounded
// first, by a scan of the bytes that recurses into nothing: every later step (the walk for
// a member given twice, the schema validators, Prism) recurses into the value, and a body of
// 16 KB can nest thousands deep.
import { isUtf8 } from 'node:buffer';
import { parse as parseTree } from '@humanwhocodes/momoa';
import { escapePointerToken } from '@call-control/spec/json-pointer';
import { accept, type Outcome, refuse } from '../common/outcome.js';

/** Why a body is not I-JSON: `pointer` names the member given twice (RFC 6901), when that is what is wrong. */
export interface NotStrictJson {
  message: string;
  pointer?: string;
  /** Set when the body nests deeper than MAX_JSON_DEPTH. */
  tooDeep?: true;
}

/**
 * How deep arrays and objects may nest. The contract's deepest request body is an object of
 * strings (depth 1); 64 leaves room for any body it may grow, and keeps every recursive step
 * far from the stack's limit.
 */
export const MAX_JSON_DEPTH = 64;

/** Whether text nests arrays and objects deeper than `max` (brackets in strings do not count); iterative, one pass. */
export function nestsDeeperThan(bytes: Uint8Array, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    if (inString) {
      if (byte === 0x5c)
        i++; // an escape: the next byte is never the string's end
      else if (byte === 0x22) inString = false;
    } else if (byte === 0x22) inString = true;
    else if (byte === 0x5b || byte === 0x7b) {
      if (++depth > max) return true;
    } else if (byte === 0x5d || byte === 0x7d) depth--;
  }
  return false;
}

type Tree = ReturnType<typeof parseTree>['body'];

/** The JSON Pointer of the first member whose name its object already has, depth first. */
function firstDuplicate(node: Tree, pointer: string): string | undefined {
  if (node.type === 'Array') {
    for (const [index, element] of node.elements.entries()) {
      const found = firstDuplicate(element.value, `${pointer}/${index}`);
      if (found !== undefined) return found;
    }
  }
  if (node.type !== 'Object') return undefined;
  const names = new Set<string>();
  for (const member of node.members) {
    const name = member.name.type === 'String' ? member.name.value : member.name.name;
    const at = `${pointer}/${escapePointerToken(name)}`;
    if (names.has(name)) return at;
    names.add(name);
    const found = firstDuplicate(member.value, at);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** How many members the objects of a parsed value hold, at every depth. */
function membersParsed(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + membersParsed(item), 0);
  if (value === null || typeof value !== 'object') return 0;
  let sum = 0;
  for (const item of Object.values(value)) sum += 1 + membersParsed(item);
  return sum;
}

/** How many member names valid JSON text writes (a string followed by `:`), at every depth. */
function membersWritten(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== 0x22) continue;
    let end = i + 1;
    while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
    let next = end + 1;
    while (/\s/.test(text[next] ?? '')) next++;
    if (text.charCodeAt(next) === 0x3a) count++;
    i = end;
  }
  return count;
}

export function parseStrictJson(bytes: Uint8Array): Outcome<unknown, NotStrictJson> {
  if (!isUtf8(bytes)) return refuse({ message: 'it is not UTF-8' });
  // A body shorter than the limit cannot nest past it: most bodies skip the scan.
  if (bytes.length > MAX_JSON_DEPTH && nestsDeeperThan(bytes, MAX_JSON_DEPTH))
    return refuse({
      message: `nests arrays and objects deeper than ${MAX_JSON_DEPTH} levels, the most the mock reads`,
      tooDeep: true,
    });
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return refuse({ message: (error as Error).message });
  }
  // Only an object or an array can hold a member twice, and only then does JSON.parse keep fewer
  // members than the text writes: the syntax tree, which names the member, is built only then.
  if (value === null || typeof value !== 'object' || membersParsed(value) === membersWritten(text))
    return accept(value);
  const pointer = firstDuplicate(parseTree(text, { mode: 'json' }).body, '');
  if (pointer === undefined) return accept(value);
  return refuse({ message: `the member ${pointer} is given more than once`, pointer });
}
