// What a run of either battery gives: one result per case and the counts. The CLI's `--json`
// prints exactly this object, so a test runner and a CI script read the same data.

export type Outcome = 'passed' | 'failed' | 'skipped';

export interface CaseResult {
  /** Stable, dotted: `receiver.raw-body`, `gateway.hangup.replay`. */
  id: string;
  /** The rule the case holds the target to. */
  title: string;
  outcome: Outcome;
  /** What was sent, what came back, the verdict and why it matters (a warning says so). */
  detail: string;
  /** Where the contract states the rule: a JSON Pointer, or a section of the introduction. */
  spec: string;
}

export interface Report {
  /** The receiver's URL, or the gateway's base URL. */
  target: string;
  cases: CaseResult[];
  passed: number;
  failed: number;
  skipped: number;
}

/** A case as the batteries list it, before it has run. */
export interface CaseDefinition {
  id: string;
  title: string;
  /** Why the rule matters, in a sentence: what breaks for whom when it is not kept. */
  why: string;
  spec: string;
}

export function toReport(target: string, cases: CaseResult[]): Report {
  const count = (outcome: Outcome) => cases.filter((result) => result.outcome === outcome).length;
  return { target, cases, passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

/** A result for a case: the verdict, what happened, and (for a failure or a warning) why it matters. */
export function resultOf(definition: CaseDefinition, outcome: Outcome, happened: string, warning?: string): CaseResult {
  const why = outcome === 'failed' || warning !== undefined ? ` Why it matters: ${definition.why}` : '';
  const warned = warning === undefined ? '' : ` Warning: ${warning}.`;
  return {
    id: definition.id,
    title: definition.title,
    outcome,
    detail: `${happened}${warned}${why}`,
    spec: definition.spec,
  };
}

/** Passed when there is no problem, failed with it otherwise: `<happened>.` or `<happened>: <problem>.` */
export const verdict = (definition: CaseDefinition, happened: string, problem: string | undefined): CaseResult =>
  problem === undefined
    ? resultOf(definition, 'passed', `${happened}.`)
    : resultOf(definition, 'failed', `${happened}: ${problem}.`);
