// OpenAPI path templates (`/api/v1/sessions/{uuid}/commands/answer`) matched against request
// paths: a `{name}` is exactly one non-empty segment. The one place that knows the syntax, for
// the routing Prism does not tell us (which methods a path allows, a command's parameters).

/** The template's parameters in a concrete path, or undefined when the path does not match. */
export function matchPathTemplate(template: string, path: string): Record<string, string> | undefined {
  const want = template.split('/');
  const have = path.split('/');
  if (want.length !== have.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const value = have[i]!;
    if (segment.startsWith('{') && segment.endsWith('}')) {
      if (value === '') return undefined;
      params[segment.slice(1, -1)] = decodeSegment(value);
    } else if (segment !== value) return undefined;
  }
  return params;
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment; // a malformed escape is the validator's to reject, as written
  }
}
