// Whether an answer is the problem the contract documents: the example's status, the
// response's media type (`application/problem+json`), a body its schema accepts, and the
// example's problem `type` (and `status` in the body equal to the answer's).
import type { Contract, ContractCommand, ContractResponse, ProblemExample } from '../contract.js';
import type { SendResult } from '../http-send.js';

/** The documented answer of a command that lists this problem example, if it lists it. */
export function documentedProblem(
  contract: Contract,
  command: ContractCommand,
  example: string,
): { problem: ProblemExample; response: ContractResponse } | undefined {
  const response = command.responses.find((candidate) => candidate.examples.includes(example));
  return response === undefined ? undefined : { problem: contract.problem(example), response };
}

export const describeAnswer = (result: SendResult): string => {
  if (!result.ok) return `no answer (${result.reason})`;
  let type = '';
  try {
    const body = JSON.parse(result.body) as { type?: unknown };
    if (typeof body.type === 'string') type = ` ${body.type.slice(body.type.lastIndexOf('/') + 1)}`;
  } catch {}
  return `${result.status}${type} (${result.headers.get('content-type') ?? 'no content-type'})`;
};

/** What is wrong with the answer, or undefined when it is the documented problem. `more` adds a check of the body. */
export function problemMismatch(
  contract: Contract,
  result: SendResult,
  { problem, response }: { problem: ProblemExample; response: ContractResponse },
  more?: (body: Record<string, unknown>) => string | undefined,
): string | undefined {
  if (!result.ok) return `no answer (${result.reason})`;
  if (result.status !== problem.status) return `status ${result.status}, not ${problem.status}`;
  const mediaType = (result.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (response.mediaType !== undefined && mediaType !== response.mediaType)
    return `Content-Type ${mediaType || '(none)'}, not ${response.mediaType}`;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(result.body) as Record<string, unknown>;
  } catch {
    return 'a body that is not JSON';
  }
  if (response.schemaPointer !== undefined) {
    const validate = contract.validatorFor(response.schemaPointer);
    if (!validate(body))
      return `a body the problem schema refuses: ${(validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message}`).join('; ')}`;
  }
  if (body.type !== problem.type) return `problem type ${JSON.stringify(body.type)}, not ${problem.type}`;
  if (body.status !== result.status) return `"status": ${JSON.stringify(body.status)} in a ${result.status} answer`;
  return more?.(body);
}
