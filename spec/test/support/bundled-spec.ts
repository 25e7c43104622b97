// Test access to the bundled contract (dist/openapi.json, built by `pnpm build`): the file
// every consumer reads, so the tests check what users get, not the split sources.
import { dereference } from '../../index.js';

export { loadBundledSpec } from '../../index.js';

// The document is plain JSON; tests walk it by key, so a loose type is the honest one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = any;

/** Follows local `$ref`s (`#/components/…`) until it reaches a node that is not one. */
export const deref = (spec: Node, node: Node): Node => dereference(spec, node);

export const COMMAND_PATHS = {
  answer: '/api/v1/sessions/{uuid}/commands/answer',
  hangup: '/api/v1/sessions/{uuid}/commands/hangup',
  disconnect: '/api/v1/sessions/{uuid}/commands/disconnect',
} as const;
export type CommandName = keyof typeof COMMAND_PATHS;
export const COMMANDS = Object.keys(COMMAND_PATHS) as CommandName[];

/** A command's operation object, `$ref`s in its request body schema left as they are. */
export function commandOperation(spec: Node, command: CommandName): Node {
  return spec.paths[COMMAND_PATHS[command]].post;
}

/** A command's request body schema, dereferenced. */
export function requestSchema(spec: Node, command: CommandName): Node {
  const body = deref(spec, commandOperation(spec, command).requestBody);
  return deref(spec, body.content['application/json'].schema);
}
