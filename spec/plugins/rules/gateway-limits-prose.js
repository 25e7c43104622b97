// Rule: `x-gateway-limits` is well formed, and no description, summary or example `detail`
// states a figure of a limit other than the data's. Descriptions write the figure as
// `{{x-gateway-limits.<key>}}` (the decorator fills it in); a figure typed by hand must agree.
import { EXTENSION, limitsProblems } from '../gateway-limits.js';
import { limitFigureProblems } from '../limit-figures.js';

export default function gatewayLimitsProse() {
  let limits;
  const check = (text, ctx, path) => {
    if (typeof text !== 'string' || limits === undefined) return;
    for (const { message } of limitFigureProblems(text, limits)) {
      ctx.report({ message, location: ctx.location.child(path) });
    }
  };
  return {
    Root: {
      enter(root, ctx) {
        limits = root[EXTENSION];
        if (limits === undefined) {
          ctx.report({
            message: `the spec lacks \`${EXTENSION}\` (the gateway's limits)`,
            location: ctx.location.key(),
          });
          return;
        }
        for (const { path, message } of limitsProblems(limits)) {
          ctx.report({ message, location: ctx.location.child([EXTENSION, ...path]) });
        }
      },
    },
    any: {
      enter(node, ctx) {
        if (node === null || typeof node !== 'object') return;
        check(node.description, ctx, ['description']);
        check(node.summary, ctx, ['summary']);
      },
    },
    Example: {
      enter(example, ctx) {
        check(example.value?.detail, ctx, ['value', 'detail']);
      },
    },
  };
}
