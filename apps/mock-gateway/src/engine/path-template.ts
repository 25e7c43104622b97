// OpenAPI path templates (`/api/v1/sessions/{uuid}/commands/answer`) matched against request
// paths: a `{name}` is exactly one non-empty segment. The one place that knows the syntax, for
// the routing Prism does not tell us (which methods a path allows, a command's parameters).
// Each template is compiled to a regular expression once.

interface CompiledTemplate {
  pattern: RegExp;
  names: string[];
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
  return { pattern: new RegExp(`^${source}$`), names };
}

/** The template's parameters in a concrete path, or undefined when the path does not match. */
export function matchPathTemplate(template: string, path: string): Record<string, string> | undefined {
  let entry = compiled.get(template);
  if (entry === undefined) {
    if (compiled.size >= 1_000) compiled.clear(); // templates come from specs: a handful
    entry = compile(template);
    compiled.set(template, entry);
  }
  const match = entry.pattern.exec(path);
  if (match === null) return undefined;
  const params: Record<string, string> = {};
  for (const [i, name] of entry.names.entries()) params[name] = decodeSegment(match[i + 1]!);
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
