// The shape of the `x-webhooks-triggered` extension, shared by the lint rule and the
// decorator. One entry per webhook a command triggers, in the order they are sent.
export const EXTENSION = 'x-webhooks-triggered';

/** When, relative to the command, a webhook fires. */
export const TRIGGERS = {
  dispatch: 'right after the command is dispatched',
  'execute-complete': 'when the underlying execute completes',
  teardown: 'when channel teardown completes',
};

/** Each problem with one operation's extension, as `{ path, message }` (path below it). */
export function extensionProblems(extension) {
  const problems = [];
  const report = (path, message) => problems.push({ path, message });
  if (extension === null || typeof extension !== 'object' || Array.isArray(extension)) {
    report([], 'must be an object with `timeout_ms` and `webhooks`');
    return problems;
  }
  if (!Number.isInteger(extension.timeout_ms) || extension.timeout_ms < 0) {
    report(['timeout_ms'], '`timeout_ms` must be a non-negative integer (milliseconds)');
  }
  if (!Array.isArray(extension.webhooks) || extension.webhooks.length === 0) {
    report(['webhooks'], '`webhooks` must list at least one webhook');
    return problems;
  }
  extension.webhooks.forEach((entry, i) => {
    const at = (key) => ['webhooks', i, ...(key ? [key] : [])];
    if (entry === null || typeof entry !== 'object') {
      report(at(), 'each entry must be an object');
      return;
    }
    if (typeof entry.webhook !== 'string') report(at('webhook'), '`webhook` must name a webhook');
    if (!(entry.trigger in TRIGGERS)) {
      report(at('trigger'), `\`trigger\` must be one of ${Object.keys(TRIGGERS).join(', ')}`);
    }
    for (const key of ['max_delay_ms', 'mock_delay_ms']) {
      if (!Number.isInteger(entry[key]) || entry[key] < 0) {
        report(at(key), `\`${key}\` must be a non-negative integer (milliseconds)`);
      }
    }
    if (entry.mock_delay_ms > entry.max_delay_ms) {
      report(at('mock_delay_ms'), '`mock_delay_ms` must not exceed `max_delay_ms`');
    }
    if (entry.on_timeout !== undefined && entry.on_timeout !== 'timed_out') {
      report(at('on_timeout'), '`on_timeout` can only be `timed_out`');
    }
    if (typeof entry.description !== 'string' || entry.description.trim() === '') {
      report(at('description'), '`description` must say in words when the webhook fires');
    }
  });
  return problems;
}
