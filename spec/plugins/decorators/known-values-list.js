// Decorator: lists the known values of an open set (`x-extensible-enum`) in the schema's
// description. Redoc shows `enum` but not this extension, and the list is what a reader needs
// to see beside the rule that other values may come.
const LEAD = 'Known values (an open set: others may come):';

export default function knownValuesList() {
  return {
    Schema: {
      leave(schema) {
        const known = schema['x-extensible-enum'];
        // Idempotent: the docs build runs decorators again on the already-bundled spec.
        if (!Array.isArray(known) || schema.description?.includes(LEAD)) return;
        const description = (schema.description ?? '').trimEnd();
        schema.description = `${description}\n\n${LEAD} ${known.map((value) => `\`${value}\``).join(', ')}.\n`;
      },
    },
  };
}
