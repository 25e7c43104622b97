// OpenAPI path templates (`/api/v1/sessions/{uuid}/commands/answer`) matched against request
// paths: a `{name}` is exactly one non-empty segment. The one place that knows the syntax, for
// the routing Prism does not tell us (which methods a path allows, a command's parameters).
// Each template is compiled to a regular expression once; a path that does not start and end
// as the template does (most of a spec's templates, for any one path) is told so without it.

interface CompiledTemplate {
  pattern: RegExp;
  names: string[];
  /** The literal text before the first parameter, and after the last (all of it, without parameters). */
  head: string;
  tail: string;
}

const compiled = new Map<string, CompiledTemplate>();

function compile(template: string): CompiledTemplate {
  const names: string[] = [];
  const source = template
    .split('/')
    .map((segment) => {
      if (segment.startsWith('{') && segment.endsWith('}')) {
        names.push(segment.slice(1, -1));
        return '([^/]+)';
      }
      return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    })
    .join('/');
  const open = template.indexOf('{');
  const close = template.lastIndexOf('}');
  return {
    pattern: new RegExp(`^${source}$`),
    names,
    head: open === -1 ? template : template.slice(0, open),
    tail: open === -1 ? '' : template.slice(close + 1),
  };
}

/** The template's parameters in a concrete path, or undefined when the path does not match. */
export function matchPathTemplate(template: string, path: string): Record<string, string> | undefined {
  let entry = compiled.get(template);
  if (entry === undefined) {
    if (compiled.size >= 1_000) compiled.clear(); // templates come from specs: a handful
    entry = compile(template);
    compiled.set(template, entry);
  }
  if (!path.startsWith(entry.head) || !path.endsWith(entry.tail)) return undefined;
  const match = entry.pattern.exec(path);
  if (match === null) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < entry.names.length; i++) params[entry.names[i]!] = decodeSegment(match[i + 1]!);
  return params;
}

function decodeSegment(segment: string): string {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is the validator's to reject, as written
  }
}
