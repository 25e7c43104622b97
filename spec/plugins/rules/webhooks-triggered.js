// Rule: every operation states the webhooks it triggers, well formed, naming only webhooks
// the spec defines; and every defined webhook is triggered by some operation.
import { EXTENSION, extensionProblems } from '../webhooks-triggered.js';

export default function webhooksTriggered() {
  const named = []; // { name, location } of each webhook an operation names
  let definedWebhooks = [];

  return {
    Root: {
      enter(root) {
        definedWebhooks = Object.keys(root.webhooks ?? {});
      },
      leave(_root, ctx) {
        for (const { name, location } of named) {
          if (!definedWebhooks.includes(name)) {
            ctx.report({
              message: `\`${EXTENSION}\` names webhook \`${name}\`, which the spec's \`webhooks\` does not define`,
              location,
            });
          }
        }
        for (const name of definedWebhooks) {
          if (!named.some((entry) => entry.name === name)) {
            ctx.report({
              message: `webhook \`${name}\` is triggered by no operation's \`${EXTENSION}\``,
              location: ctx.location.child(['webhooks', name]).key(),
            });
          }
        }
      },
    },
    // Only operations under `paths`: webhooks are operations too, but they trigger nothing.
    Paths: {
      PathItem: {
        Operation: {
          enter(operation, ctx) {
            const extension = operation[EXTENSION];
            if (extension === undefined) {
              ctx.report({
                message: `operation \`${operation.operationId}\` lacks \`${EXTENSION}\` (which webhooks it triggers, and when)`,
                location: ctx.location.key(),
              });
              return;
            }
            const base = ctx.location.child([EXTENSION]);
            for (const { path, message } of extensionProblems(extension)) {
              ctx.report({ message: `\`${EXTENSION}\`: ${message}`, location: base.child(path) });
            }
            (extension.webhooks ?? []).forEach((entry, i) => {
              if (typeof entry?.webhook === 'string') {
                named.push({ name: entry.webhook, location: base.child(['webhooks', i, 'webhook']) });
              }
            });
          },
        },
      },
    },
  };
}
