// The gateway's limits, `x-gateway-limits` at the root of the spec: what each one means, how it
// is written in prose, and how prose that talks about it is recognised. Shared by the decorator
// (which writes each figure into the descriptions, from `{{x-gateway-limits.<key>}}`) and the
// lint rule (which fails when a description states a figure the data does not hold).
export const EXTENSION = 'x-gateway-limits';

/** `{{x-gateway-limits.max_body_bytes}}` in a description: the decorator writes the figure there. */
export const PLACEHOLDER = /\{\{x-gateway-limits\.([A-Za-z0-9_]+)\}\}/g;

// Units, largest first: a figure is written in the largest unit that divides it (hours at most:
// "24 hours" reads better in a contract than "1 day").
const DURATION_UNITS = [
  { ms: 3_600_000, long: 'hour', short: 'h' },
  { ms: 60_000, long: 'minute', short: 'min' },
  { ms: 1000, long: 'second', short: 's' },
  { ms: 1, long: 'millisecond', short: 'ms' },
];

/** `300000` → `5 minutes` (long) or `5 min` (short). */
export function formatDuration(ms, style = 'long') {
  const unit =
    DURATION_UNITS.find((candidate) => ms % candidate.ms === 0 && ms >= candidate.ms) ?? DURATION_UNITS.at(-1);
  const count = ms / unit.ms;
  if (style === 'short') return `${count} ${unit.short}`;
  return `${count} ${unit.long}${count === 1 ? '' : 's'}`;
}

/** `16384` → `16 KiB`; a size that is no whole number of KiB stays in bytes. */
export function formatBytes(bytes) {
  return bytes >= 1024 && bytes % 1024 === 0 ? `${bytes / 1024} KiB` : `${bytes} bytes`;
}

/** `['a', 'b', 'c']` → `a, b or c` (or `and`). */
const listOf = (items, last) =>
  items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;

/** The retry schedule as prose: `after 5 s, …, 10 h and 10 h (8 attempts in all, the first immediate)`. */
function formatSchedule(seconds) {
  const [first, ...rest] = seconds;
  const start = first === 0 ? 'the first immediate' : `the first after ${formatDuration(first * 1000, 'short')}`;
  return `after ${listOf(
    rest.map((s) => formatDuration(s * 1000, 'short')),
    'and',
  )} (${seconds.length} attempts in all, ${start})`;
}

// What a clause is about: it names the key, or uses the words prose uses for the limit.
const names = (key) => (clause) => clause.includes(`\`${key}\``) || clause.includes(`x-gateway-limits.${key}`);
const either =
  (...tests) =>
  (clause) =>
    tests.some((test) => test(clause));
const all =
  (...patterns) =>
  (clause) =>
    patterns.every((pattern) => pattern.test(clause));

/**
 * Every limit the gateway has, in the order the docs list them. `kind` says how its figures
 * are written (`size`, `duration`, `schedule`, `statuses`); `unitMs` turns a duration's number
 * into milliseconds; `about` recognises a clause of prose that states it.
 */
export const LIMITS = {
  max_body_bytes: {
    kind: 'size',
    meaning: 'The largest request body the gateway reads; a larger one is answered `413`.',
    render: formatBytes,
    // Sizes in prose are only ever the body limit, so a clause with `limit` in it will do.
    about: either(names('max_body_bytes'), all(/\blimit/i)),
  },
  idempotency_key_retention_after_session_s: {
    kind: 'duration',
    unitMs: 1000,
    meaning: 'How long a `command_uid` is kept after its session ends (it is kept for the whole session too).',
    render: (seconds) => formatDuration(seconds * 1000),
    about: either(names('idempotency_key_retention_after_session_s'), all(/\bkept\b|\bretain|\bretention\b/i)),
  },
  webhook_response_timeout_ms: {
    kind: 'duration',
    unitMs: 1,
    meaning: 'How long the gateway waits for your receiver to answer a delivery attempt.',
    render: (ms) => formatDuration(ms),
    about: either(names('webhook_response_timeout_ms'), all(/\bwithin\b/i, /`2xx`|\bno answer\b/i)),
  },
  webhook_retry_schedule_s: {
    kind: 'schedule',
    unitMs: 1000,
    meaning: 'When the gateway tries a delivery again after a failed attempt.',
    render: formatSchedule,
    about: either(names('webhook_retry_schedule_s'), all(/\bretried\b|\bretries\b|\battempts\b/)),
  },
  webhook_retry_after_statuses: {
    kind: 'statuses',
    meaning:
      "Your receiver's answers whose `Retry-After` the gateway honours (it waits at least that long before the next attempt).",
    render: (statuses) =>
      listOf(
        statuses.map((status) => `\`${status}\``),
        'or',
      ),
    about: either(names('webhook_retry_after_statuses'), all(/Retry-After/, /\bhonou?r|\bwaits\b/)),
  },
  webhook_timestamp_tolerance_s: {
    kind: 'duration',
    unitMs: 1000,
    meaning: 'How far `webhook-timestamp` may be from your clock before you reject the delivery.',
    render: (seconds) => formatDuration(seconds * 1000),
    about: either(names('webhook_timestamp_tolerance_s'), all(/timestamp/i)),
  },
};

/** `text` with each placeholder replaced by its figure, and the keys it names that are no limit. */
export function renderLimits(text, limits) {
  const unknown = [];
  const rendered = text.replace(PLACEHOLDER, (placeholder, key) => {
    if (!isWellFormed(key, limits?.[key])) {
      unknown.push(key);
      return placeholder;
    }
    return LIMITS[key].render(limits[key]);
  });
  return { text: rendered, unknown };
}

export const LIMITS_HEADING = '## Limits';

/** The docs section that lists every limit with its figure. */
export function limitsSection(limits) {
  const rows = Object.entries(LIMITS)
    .filter(([key]) => limits[key] !== undefined)
    .map(([key, limit]) => `| \`${key}\` | ${limit.render(limits[key])} | ${limit.meaning} |`);
  return `${LIMITS_HEADING}\n\nThe gateway's limits, from \`${EXTENSION}\`:\n\n| limit | value | meaning |\n|---|---|---|\n${rows.join('\n')}\n`;
}

const isCount = (value) => Number.isInteger(value) && value >= 0;
const SHAPES = {
  size: { ok: (value) => isCount(value) && value > 0, says: 'a positive whole number of bytes' },
  duration: { ok: (value) => isCount(value) && value > 0, says: 'a positive whole number' },
  schedule: {
    ok: (value) => Array.isArray(value) && value.length > 0 && value.every(isCount),
    says: 'a non-empty list of whole numbers of seconds',
  },
  statuses: {
    ok: (value) =>
      Array.isArray(value) && value.length > 0 && value.every((s) => Number.isInteger(s) && s >= 400 && s <= 599),
    says: 'a non-empty list of HTTP error statuses (400–599)',
  },
};

/** Whether `value` has the shape limit `key` needs (its figures can be written and compared). */
export function isWellFormed(key, value) {
  return LIMITS[key] !== undefined && SHAPES[LIMITS[key].kind].ok(value);
}

/** Each problem with the extension itself, as `{ path, message }` (path below it). */
export function limitsProblems(limits) {
  if (limits === null || typeof limits !== 'object' || Array.isArray(limits)) {
    return [{ path: [], message: `\`${EXTENSION}\` must be an object with ${Object.keys(LIMITS).join(', ')}` }];
  }
  const problems = [];
  for (const [key, limit] of Object.entries(LIMITS)) {
    if (limits[key] === undefined) problems.push({ path: [], message: `\`${EXTENSION}\` lacks \`${key}\`` });
    else if (!isWellFormed(key, limits[key])) {
      problems.push({ path: [key], message: `\`${EXTENSION}.${key}\` must be ${SHAPES[limit.kind].says}` });
    }
  }
  for (const key of Object.keys(limits).filter((name) => LIMITS[name] === undefined)) {
    problems.push({
      path: [key],
      message: `\`${EXTENSION}.${key}\` is no limit this spec knows (add it to plugins/gateway-limits.js)`,
    });
  }
  return problems;
}
