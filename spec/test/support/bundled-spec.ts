// Test access to the bundled contract (dist/openapi.json, built by `pnpm build`): the file
// every consumer reads, so the tests check what users get, not the split sources.
import { readFileSync } from 'node:fs';
import { bundledSpecJsonPath } from '../../index.js';

// The document is plain JSON; tests walk it by key, so a loose type is the honest one.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Node = any;

export function loadBundledSpec(): Node {
  return JSON.parse(readFileSync(bundledSpecJsonPath, 'utf8'));
}

/** Follows local `$ref`s (`#/components/…`) until it reaches a node that is not one. */
export function deref(spec: Node, node: Node): Node {
  let current = node;
  for (let hops = 0; current && typeof current.$ref === 'string'; hops++) {
    if (hops > 20) throw new Error(`$ref cycle at ${current.$ref}`);
    current = pointer(spec, current.$ref);
  }
  return current;
}

/** The node at a JSON Pointer given as a URI fragment (`#/components/schemas/X`). */
export function pointer(spec: Node, ref: string): Node {
  if (!ref.startsWith('#')) throw new Error(`not a local reference: ${ref}`);
  return ref
    .slice(1)
    .split('/')
    .slice(1)
    .map((token) => decodeURIComponent(token).replaceAll('~1', '/').replaceAll('~0', '~'))
    .reduce((node, token) => {
      if (node === undefined || !(token in node)) throw new Error(`no node at ${ref}`);
      return node[token];
    }, spec);
}

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
