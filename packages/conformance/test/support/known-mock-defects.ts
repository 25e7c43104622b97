// Where today's mock gateway disagrees with the contract, and the case that says so. A case
// here may fail against the mock; every other case must pass. The entry goes when the mock is
// fixed (the mock's own tests, not these, say when that is).
export const KNOWN_MOCK_DEFECTS: Record<string, string> = {
  'gateway.answer.race-with-call-end':
    'when the far end hangs up within the 20 ms before the mock sends call.answered, its call.hangup has an end_time before the answer_time it reports, and its timestamp goes back behind the command.result before it',
};
