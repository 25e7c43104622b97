// JSON Pointers (RFC 6901) into the bundled contract: the one implementation every package
// uses to name a place in the spec (`#/components/schemas/HangupRequest`) or in a request
// (`/cause`), and to follow the bundle's local `$ref`s. Runtime-neutral: no Node built-ins.

/** Escapes one reference token: `~` → `~0`, `/` → `~1`. */
export function escapePointerToken(token) {
  return String(token).replaceAll('~', '~0').replaceAll('/', '~1');
}

/** The pointer of a list of tokens: `['a/b', 0]` → `/a~1b/0` (`[]` → `''`, the whole value). */
export function formatPointer(tokens) {
  return tokens.map((token) => `/${escapePointerToken(token)}`).join('');
}

/**
 * The tokens of a pointer, given as JSON text (`/a~1b`) or as a URI fragment (`#/a%7Bb%7D`,
 * percent-decoded first, as `$ref`s write it).
 */
export function parsePointer(pointer) {
  const fragment = pointer.startsWith('#');
  const text = fragment ? decodeURIComponent(pointer.slice(1)) : pointer;
  if (text === '') return [];
  if (!text.startsWith('/')) throw new SyntaxError(`not a JSON Pointer: ${pointer}`);
  return text
    .slice(1)
    .split('/')
    .map((token) => token.replaceAll('~1', '/').replaceAll('~0', '~'));
}

/** The value at a pointer; throws when the document has nothing there. */
export function resolvePointer(document, pointer) {
  let node = document;
  for (const token of parsePointer(pointer)) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, token)) {
      throw new Error(`the document has nothing at ${pointer}`);
    }
    node = node[token];
  }
  return node;
}

/**
 * Follows local `$ref`s (`#/components/…`, all the bundle has) until a value that is not one.
 * A reference out of the document, or a cycle, is an error: the bundle is self-contained.
 */
export function dereference(document, value) {
  let current = value;
  const seen = new Set();
  while (current !== null && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref = current.$ref;
    if (!ref.startsWith('#')) throw new Error(`${ref}: only local references are expected in the bundled spec`);
    if (seen.has(ref)) throw new Error(`${ref}: circular reference`);
    seen.add(ref);
    current = resolvePointer(document, ref);
  }
  return current;
}
