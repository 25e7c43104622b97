// The guide: an introduction (a document's `info.description`, as the page shows it) cut into
// its opening and its `## ` sections, each with the slug Redoc gives it (`section/<slug>`).

export interface GuideSection {
  title: string;
  slug: string;
  /** The section's text without its heading. */
  body: string;
}

export interface Guide {
  opening: string;
  sections: GuideSection[];
}

export const slugOf = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** Splits at each `## ` heading outside fenced code. */
export function splitGuide(description: string | undefined): Guide {
  const sections: GuideSection[] = [];
  const opening: string[] = [];
  let current: { title: string; lines: string[] } | undefined;
  let inCode = false;
  const close = () => {
    if (current !== undefined)
      sections.push({ title: current.title, slug: slugOf(current.title), body: current.lines.join('\n').trim() });
  };
  for (const line of (description ?? '').split('\n')) {
    if (/^(`{3,}|~{3,})/.test(line)) inCode = !inCode;
    const heading = inCode ? null : /^## (.+?)\s*$/.exec(line);
    if (heading?.[1] !== undefined) {
      close();
      current = { title: heading[1], lines: [] };
    } else (current?.lines ?? opening).push(line);
  }
  close();
  return { opening: opening.join('\n').trim(), sections };
}
