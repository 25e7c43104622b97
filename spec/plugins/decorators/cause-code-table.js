// Decorator: renders a schema's `x-cause-codes` (cause name → numeric code) as a table in its
// description, so the documented list of hangup causes is the one the types and mock use.
const HEADING = '| Cause | Code |';

export default function causeCodeTable() {
  return {
    Schema: {
      leave(schema) {
        const codes = schema['x-cause-codes'];
        if (codes === undefined || schema.description?.includes(HEADING)) return;
        const rows = Object.entries(codes).map(([name, code]) => `| \`${name}\` | ${code} |`);
        const description = (schema.description ?? '').trimEnd();
        schema.description = `${description}\n\n${HEADING}\n|---|---|\n${rows.join('\n')}\n`;
      },
    },
  };
}
