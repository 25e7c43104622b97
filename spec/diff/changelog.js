// Renders classified changes as a readable changelog (what `pnpm spec:diff` prints).

/** @param {import('./compare-specs.js').SpecChange[]} changes */
export function renderChangelog(changes, { baseVersion, revisionVersion }) {
  const lines = [`Changes from ${baseVersion} to ${revisionVersion}`];
  if (changes.length === 0) return `${lines[0]}: none.\n`;
  for (const [title, breaking] of [
    ['Breaking', true],
    ['Non-breaking', false],
  ]) {
    const group = changes.filter((change) => change.breaking === breaking);
    if (group.length === 0) continue;
    lines.push('', `${title} (${group.length})`);
    const bySubject = Map.groupBy
      ? Map.groupBy(group, (change) => change.subject)
      : group.reduce((map, c) => map.set(c.subject, [...(map.get(c.subject) ?? []), c]), new Map());
    for (const [subject, items] of bySubject) {
      lines.push(`  ${subject}`);
      for (const { where, message } of items) lines.push(`    - ${where ? `${where}: ` : ''}${message}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
