// Reads the figures a piece of prose states for the gateway's limits, and says where they differ
// from `x-gateway-limits`. Prose is cut into clauses (sentence parts, table rows); a clause that
// is about a limit (see `LIMITS[key].about`) and states figures of its kind must state the
// data's figures, so a description cannot drift from the data it describes.
import { LIMITS, isWellFormed, renderLimits } from './gateway-limits.js';

const DURATION = /(\d+(?:\.\d+)?)\s*(ms|milliseconds?|s|secs?|seconds?|min|mins|minutes?|h|hrs?|hours?|d|days?)\b/gi;
const SIZE = /(\d+(?:\.\d+)?)\s*(bytes?|B|KiB|KB|kB|MiB|MB)\b/g;
const STATUS = /\b([1-5]\d\d)\b/g;

const MS_PER = { ms: 1, s: 1000, min: 60_000, h: 3_600_000, d: 86_400_000 };
const SIZE_BYTES = { b: 1, byte: 1, bytes: 1, kib: 1024, kb: 1000, mib: 1_048_576, mb: 1_000_000 };

function durationMs(amount, unit) {
  const u = unit.toLowerCase();
  let key = 's';
  if (u.startsWith('ms') || u.startsWith('milli')) key = 'ms';
  else if (u.startsWith('min')) key = 'min';
  else if (u.startsWith('h')) key = 'h';
  else if (u.startsWith('d')) key = 'd';
  return Number(amount) * MS_PER[key];
}

/** The figures of a kind in a clause, as numbers in the data's own unit (bytes, ms, status). */
const FIGURES = {
  size: (clause) =>
    [...clause.matchAll(SIZE)].map(([text, amount, unit]) => ({
      text,
      value: Number(amount) * SIZE_BYTES[unit.toLowerCase()],
    })),
  duration: (clause) =>
    [...clause.matchAll(DURATION)].map(([text, amount, unit]) => ({ text, value: durationMs(amount, unit) })),
  statuses: (clause) => [...clause.matchAll(STATUS)].map(([text, status]) => ({ text, value: Number(status) })),
};

/**
 * Sentence parts (cut at `.`, `;`, `:`, `!`, `?`) of each paragraph, whose line breaks are only
 * wrapping; table rows whole.
 */
export function clausesOf(text) {
  const clauses = [];
  for (const block of text.split(/\n\s*\n/)) {
    const lines = block.split('\n');
    for (const row of lines.filter((line) => line.trim().startsWith('|'))) clauses.push(row.trim());
    const prose = lines.filter((line) => !line.trim().startsWith('|')).join(' ');
    clauses.push(
      ...prose
        .split(/[.;:!?](?:\s+|$)/)
        .map((clause) => clause.trim())
        .filter(Boolean),
    );
  }
  return clauses;
}

/** Whether the figures stated (in data units) say what the data says; `undefined` when none are stated. */
function disagreement(kind, clause, value, unitMs) {
  if (kind === 'statuses') {
    const stated = FIGURES.statuses(clause).map((figure) => figure.value);
    if (stated.length === 0) return undefined;
    const same = stated.length === value.length && [...stated].sort().join() === [...value].sort().join();
    return same ? undefined : stated.join(', ');
  }
  if (kind === 'schedule') {
    // The first attempt's delay of 0 is said in words ("the first immediate"), not as a figure.
    const expected = value.map((s) => s * unitMs).filter((ms, i) => !(i === 0 && ms === 0));
    const stated = FIGURES.duration(clause);
    if (stated.length === 0) return undefined;
    return stated.map((f) => f.value).join() === expected.join() ? undefined : stated.map((f) => f.text).join(', ');
  }
  const expected = kind === 'size' ? value : value * unitMs;
  const wrong = FIGURES[kind](clause).filter((figure) => figure.value !== expected);
  return wrong.length === 0 ? undefined : wrong.map((f) => f.text).join(', ');
}

/**
 * Each way `text` disagrees with `limits`: `{ key, message }`. Placeholders are rendered first
 * (so source and bundle are judged alike); a placeholder naming no limit is a problem too.
 */
export function limitFigureProblems(text, limits) {
  const { text: rendered, unknown } = renderLimits(text, limits);
  const problems = unknown.map((key) => ({
    key,
    message: `\`{{x-gateway-limits.${key}}}\` names no limit in \`x-gateway-limits\``,
  }));
  for (const clause of clausesOf(rendered)) {
    for (const [key, limit] of Object.entries(LIMITS)) {
      // A missing or malformed limit is reported once, by the check of the extension itself.
      if (!isWellFormed(key, limits?.[key]) || !limit.about(clause)) continue;
      const stated = disagreement(limit.kind, clause, limits[key], limit.unitMs);
      if (stated === undefined) continue;
      problems.push({
        key,
        message:
          `states ${stated} where \`x-gateway-limits.${key}\` is ${limit.render(limits[key])}: ` +
          `write \`{{x-gateway-limits.${key}}}\` instead of the figure ("${clause.slice(0, 80)}")`,
      });
    }
  }
  return problems;
}
