// Decorator: writes each limit of `x-gateway-limits` into the descriptions that name it as
// `{{x-gateway-limits.<key>}}`, and lists every limit in a section of the API's description, so
// the docs (and everything built from the bundle) state the figures the mock gateway runs on
// without anyone writing them twice.
import { EXTENSION, LIMITS_HEADING, PLACEHOLDER, limitsSection, renderLimits } from '../gateway-limits.js';

export default function gatewayLimitsDescription() {
  let limits;
  const render = (node, field) => {
    const text = node[field];
    if (typeof text !== 'string' || text.search(PLACEHOLDER) === -1) return;
    node[field] = renderLimits(text, limits).text;
  };
  return {
    Root: {
      enter(root) {
        limits = root[EXTENSION];
      },
    },
    Info: {
      leave(info) {
        // Idempotent: the docs build runs decorators again on the already-bundled spec.
        if (limits === undefined || info.description?.includes(LIMITS_HEADING)) return;
        info.description = `${(info.description ?? '').trimEnd()}\n\n${limitsSection(limits)}`;
      },
    },
    any: {
      leave(node) {
        if (limits === undefined || node === null || typeof node !== 'object') return;
        render(node, 'description');
        render(node, 'summary');
      },
    },
  };
}
