// Scenario controls: a test or a developer forces an outcome with the `X-Mock-Scenario`
// request header, directives separated by `;` (e.g. `result=failed; dispatch-delay=200`).
// See the README's table.
import { accept, type Outcome, refuse } from '../common/outcome.js';

export type ForcedResult = 'succeeded' | 'failed' | 'timed-out';

export interface Scenario {
  /** How the command ends in `command.result`. */
  result: ForcedResult;
  /** Answer with this status instead of running the command (404, 429 or 503). */
  status?: 404 | 429 | 503;
  /** `Retry-After` seconds for a forced 429 or 503. */
  retryAfterSeconds: number;
  /** Hold the request this long before answering (dispatch to the switch is slow). */
  dispatchDelayMs: number;
}

export const SCENARIO_HEADER = 'x-mock-scenario';
const DEFAULT_SCENARIO: Scenario = { result: 'succeeded', retryAfterSeconds: 1, dispatchDelayMs: 0 };
const DEFAULT = accept(DEFAULT_SCENARIO);

/** The scenario of a request; refused with a sentence saying what is wrong with the header. */
export function parseScenario(header: string | undefined): Outcome<Scenario, string> {
  if (header === undefined || header.trim() === '') return DEFAULT;
  const scenario: Scenario = { ...DEFAULT_SCENARIO };
  for (const directive of header
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [name, value = ''] = directive.split('=').map((part) => part.trim());
    switch (name) {
      case 'result':
        if (value !== 'succeeded' && value !== 'failed' && value !== 'timed-out') {
          return refuse(`result must be succeeded, failed or timed-out, not "${value}"`);
        }
        scenario.result = value;
        break;
      case 'status':
        if (value !== '404' && value !== '429' && value !== '503')
          return refuse(`status must be 404, 429 or 503, not "${value}"`);
        scenario.status = Number(value) as 404 | 429 | 503;
        break;
      case 'retry-after':
        if (!/^\d{1,5}$/.test(value)) return refuse(`retry-after must be whole seconds, not "${value}"`);
        scenario.retryAfterSeconds = Number(value);
        break;
      case 'dispatch-delay':
        if (!/^\d{1,6}$/.test(value) || Number(value) > 60_000)
          return refuse(`dispatch-delay must be milliseconds up to 60000, not "${value}"`);
        scenario.dispatchDelayMs = Number(value);
        break;
      default:
        return refuse(`unknown directive "${name}"; use result, status, retry-after or dispatch-delay`);
    }
  }
  return accept(scenario);
}
