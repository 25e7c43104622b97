// The report for people: one line per case (✔ passed, ✗ failed, – skipped: the case, what was
// sent and what came back, why it matters, and where the contract says so), then the summary
// line, `receiver: N passed, M failed` or `gateway: N passed, M failed, K skipped`.
import type { Outcome, Report } from './report.js';

const MARKS: Record<Outcome, string> = { passed: '✔', failed: '✗', skipped: '–' };

export function summaryLine(side: 'receiver' | 'gateway', report: Report): string {
  const counts = `${report.passed} passed, ${report.failed} failed`;
  return side === 'receiver' && report.skipped === 0
    ? `receiver: ${counts}`
    : `${side}: ${counts}, ${report.skipped} skipped`;
}

export function formatReport(side: 'receiver' | 'gateway', report: Report): string {
  const lines = report.cases.map(
    ({ id, title, outcome, detail, spec }) => `${MARKS[outcome]} ${id} — ${title}: ${detail} (${spec})`,
  );
  return [`${side} ${report.target}`, ...lines, summaryLine(side, report)].join('\n');
}
