// The page's introduction: the spec's description with the Install section after its opening
// paragraph, the Conformance section (when given) after the spec's own sections and the
// Changelog at its end, and without the summary line. Redoc prints
// `info.summary` above the description, whose first sentence says the same thing, so the page
// would open by saying it twice; the summary remains the page's meta description.
import type { OpenApiDocument } from './openapi-document.js';

export function withIntroduction<Document extends OpenApiDocument>(
  spec: Document,
  { install, changelog, conformance = '' }: { install: string; changelog: string; conformance?: string },
): Document {
  const description = (spec.info.description ?? '').trim();
  const firstSection = description.search(/^## /m);
  const opening = firstSection === -1 ? description : description.slice(0, firstSection).trimEnd();
  const sections = firstSection === -1 ? '' : description.slice(firstSection);
  const { summary: _summary, ...info } = spec.info;
  const parts = [opening, install.trim(), sections, conformance.trim(), changelog.trim()].filter((part) => part !== '');
  return { ...spec, info: { ...info, description: `${parts.join('\n\n')}\n` } };
}
