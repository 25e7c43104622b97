// Where the contract states a rule. A case names a JSON Pointer into the bundled spec
// (`#/components/parameters/WebhookSignature`) or a section of its introduction
// (`#/info/description § Compatibility`); both resolve in the spec the case came from, and the
// text found there is what the case enforces.
import { resolvePointer } from '@call-control/spec';
import type { Json } from './spec-document.js';

const SECTION = ' § ';

/** A section (`## Name`) of the introduction. */
export const introductionSection = (name: string) => `#/info/description${SECTION}${name}`;

function sectionText(description: string, name: string): string | undefined {
  const match = description.match(
    new RegExp(`^## ${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\n([\\s\\S]*?)(?=^## |$(?![\\s\\S]))`, 'm'),
  );
  return match?.[1]?.trim();
}

/** The contract's text at a reference: a section's text, or the description at a pointer. Throws when there is none. */
export function specText(spec: Json, ref: string): string {
  const [pointer, section] = ref.split(SECTION) as [string, string | undefined];
  const value = resolvePointer(spec, pointer);
  if (section !== undefined) {
    const text = typeof value === 'string' ? sectionText(value, section) : undefined;
    if (text === undefined) throw new Error(`the contract has no section "${section}" at ${pointer}`);
    return text;
  }
  if (typeof value === 'string') return value;
  const description = (value as Json | null)?.description;
  return typeof description === 'string' ? description.trim() : JSON.stringify(value);
}
