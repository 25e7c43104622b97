// Test access to the bundled contract (dist/openapi.json, built by `pnpm build`): the file
// every consumer reads, so the tests check what users get, not the split sources.
import { dereference, loadBundledSpec } from '../../index.js';

export { loadBundledSpec };

/** A node of the document: plain JSON, walked by key, so as loose as `loadBundledSpec` types it. */
export type Node = ReturnType<typeof loadBundledSpec>;

/** Follows local `$ref`s (`#/components/…`) until it reaches a node that is not one. */
export const deref = (spec: Node, node: Node): Node => dereference(spec, node);

/** The session commands: each path's POST, by its operationId (`answer` → its path), read from the bundle. */
export const COMMAND_PATHS: Readonly<Record<string, string>> = Object.fromEntries(
  Object.entries<Node>(loadBundledSpec().paths).map(([path, item]) => [item.post.operationId, path]),
);
export type CommandName = string;
/** Every command of the spec, in the spec's order. */
export const COMMANDS: readonly CommandName[] = Object.keys(COMMAND_PATHS);
/** Every webhook of the spec, in the spec's order. */
export const WEBHOOKS: readonly string[] = Object.keys(loadBundledSpec().webhooks);

/** A command's operation object, `$ref`s in its request body schema left as they are. */
export function commandOperation(spec: Node, command: CommandName): Node {
  return spec.paths[COMMAND_PATHS[command]!].post;
}

/** A command's request body schema, dereferenced. */
export function requestSchema(spec: Node, command: CommandName): Node {
  const body = deref(spec, commandOperation(spec, command).requestBody);
  return deref(spec, body.content['application/json'].schema);
}
