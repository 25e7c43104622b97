// The report as JUnit XML, the format CI systems read: one <testsuite> per battery, one
// <testcase> per case, a <failure> for each failed case and <skipped> for each skipped one.
import type { Report } from './report.js';

const escapeXml = (text: string) =>
  text
    .replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]!)
    // XML 1.0 has no way to write most control characters, even escaped, so they go.
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, '');

export function toJUnit(side: 'receiver' | 'gateway', report: Report, timeSeconds = 0): string {
  const cases = report.cases.map(({ id, title, outcome, detail, spec }) => {
    const open = `    <testcase classname="${escapeXml(`call-control-conformance.${side}`)}" name="${escapeXml(id)}">`;
    const body =
      outcome === 'failed'
        ? `      <failure message="${escapeXml(title)}">${escapeXml(`${detail}\n${spec}`)}</failure>`
        : outcome === 'skipped'
          ? `      <skipped message="${escapeXml(detail)}"/>`
          : `      <system-out>${escapeXml(`${detail}\n${spec}`)}</system-out>`;
    return [open, body, '    </testcase>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="call-control-conformance" tests="${report.cases.length}" failures="${report.failed}" skipped="${report.skipped}">`,
    `  <testsuite name="${escapeXml(`${side} ${report.target}`)}" tests="${report.cases.length}" failures="${report.failed}" skipped="${report.skipped}" errors="0" time="${timeSeconds.toFixed(3)}">`,
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
