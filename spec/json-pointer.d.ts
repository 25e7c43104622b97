/** Escapes one reference token: `~` → `~0`, `/` → `~1`. */
export declare function escapePointerToken(token: string | number): string;
/** The pointer of a list of tokens: `['a/b', 0]` → `/a~1b/0`. */
export declare function formatPointer(tokens: readonly (string | number)[]): string;
/** The tokens of a pointer, as JSON text (`/a~1b`) or a URI fragment (`#/a%7Bb%7D`). */
export declare function parsePointer(pointer: string): string[];
/** The value at a pointer; throws when the document has nothing there. */
export declare function resolvePointer(document: unknown, pointer: string): unknown;
/** Follows local `$ref`s until a value that is not one; throws on a cycle or an outside reference. */
export declare function dereference<T = unknown>(document: unknown, value: unknown): T;
