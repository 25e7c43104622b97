import { loadBundledSpec } from '@call-control/spec';
import { expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { commandErrorGroup } from '../../src/gateway/command-errors.js';

const ids = (spec = loadBundledSpec()) => {
  const contract = readContract(spec);
  return Object.fromEntries(
    contract.commands.map((command) => [
      command.operationId,
      commandErrorGroup({ contract }, command).cases.map(({ id }) => id.split('.').pop()),
    ]),
  );
};

it('has a case for each documented error a single request provokes, and one per field of the body', () => {
  const common = [
    'missing-credentials',
    'wrong-key',
    'ended-session',
    'malformed-json',
    'oversized-body',
    'unsupported-media-type',
  ];
  expect(ids()).toEqual({
    answer: [...common, 'invalid-command_uid', 'unknown-field'],
    hangup: [...common, 'invalid-command_uid', 'invalid-cause', 'unknown-field'],
    disconnect: [...common, 'invalid-command_uid', 'unknown-field'],
  });
});

it('cites the problem example each case must answer', () => {
  const contract = readContract();
  const [answer] = contract.commands;
  const spec = Object.fromEntries(commandErrorGroup({ contract }, answer!).cases.map(({ id, spec: ref }) => [id, ref]));
  expect(spec['gateway.answer.oversized-body']).toBe('#/components/examples/ContentTooLargeProblem');
  expect(spec['gateway.answer.invalid-command_uid']).toBe('#/components/examples/ValidationFailedProblem');
});

it('has no case for an error a command does not document', () => {
  const spec = loadBundledSpec();
  delete spec.paths['/api/v1/sessions/{uuid}/commands/answer'].post.responses['413'];
  expect(ids(spec).answer).not.toContain('oversized-body');
  expect(ids(spec).hangup).toContain('oversized-body');
});
