// Decorator: renders each operation's `x-webhooks-triggered` into its description, so the
// docs show the timing the mock gateway runs on without anyone writing it twice.
import { EXTENSION, TRIGGERS } from '../webhooks-triggered.js';

export const HEADING = '#### Triggered webhooks';

export function describeTriggeredWebhooks(extension) {
  const lines = extension.webhooks.map((entry) => {
    const timeout =
      entry.on_timeout === undefined
        ? ''
        : `, or after \`timeout_ms\` (${extension.timeout_ms} ms) with \`status: ${entry.on_timeout}\``;
    return (
      `- \`${entry.webhook}\` — ${TRIGGERS[entry.trigger]}${timeout}; ` +
      `within ${entry.max_delay_ms} ms of the \`202\`. ${entry.description}`
    );
  });
  return `${HEADING}\n\nIn this order, per session:\n\n${lines.join('\n')}\n`;
}

export default function webhooksTriggeredDescription() {
  return {
    Operation: {
      leave(operation) {
        const extension = operation[EXTENSION];
        // Idempotent: the docs build runs decorators again on the already-bundled spec.
        if (extension === undefined || operation.description?.includes(HEADING)) return;
        const description = (operation.description ?? '').trimEnd();
        operation.description = `${description}\n\n${describeTriggeredWebhooks(extension)}`;
      },
    },
  };
}
