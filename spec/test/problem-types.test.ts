// `x-problem-type-base` is the one place the problem `type` URIs are rooted: every problem the
// spec shows is that base followed by a slug, one slug per kind of problem.
import { describe, expect, it } from 'vitest';
import { deref, loadBundledSpec, type Node } from './support/bundled-spec.js';

const spec = loadBundledSpec();
const base: string = spec['x-problem-type-base'];

/** Every example of an `application/problem+json` body in the bundle, by where it is used. */
function problemExamples(node: Node, at: string, found: Map<string, Node> = new Map()): Map<string, Node> {
  if (node === null || typeof node !== 'object') return found;
  const media = node.content?.['application/problem+json'];
  for (const [name, example] of Object.entries<Node>(media?.examples ?? {}))
    found.set(name, deref(spec, example).value);
  for (const [key, value] of Object.entries<Node>(node)) problemExamples(value, `${at}/${key}`, found);
  return found;
}
const examples = [...problemExamples(spec, '#')];

describe('x-problem-type-base', () => {
  it('is an absolute https URI ending in /', () => {
    expect(new URL(base).protocol).toBe('https:');
    expect(base.endsWith('/')).toBe(true);
  });

  it('finds the problem examples', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  it.each(examples)('%s: its type is the base and a kebab-case slug', (_name, problem) => {
    expect(problem.type.startsWith(base)).toBe(true);
    expect(problem.type.slice(base.length)).toMatch(/^[a-z]+(-[a-z]+)*$/);
  });
});
