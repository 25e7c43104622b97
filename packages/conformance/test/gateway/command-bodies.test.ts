import { loadBundledSpec } from '@call-control/spec';
import { describe, expect, it } from 'vitest';
import { readContract } from '../../src/contract.js';
import { commandBodies, freshKey, KEY_FIELD, UNKNOWN_FIELD } from '../../src/gateway/command-bodies.js';

const contract = readContract();

describe.each(contract.commands.map((command) => [command.operationId, command] as const))('%s', (_name, command) => {
  const bodies = commandBodies(contract, command);
  const valid = contract.validatorFor(command.requestSchemaPointer);
  const exampleKeys = command.requestExamples.map(({ value }) => value[KEY_FIELD]).filter(Boolean);

  it('sends valid bodies from its examples, never an example’s own key', () => {
    expect(bodies.keyed).toBe(true);
    for (const body of [bodies.plain(), bodies.withKey('k-1')]) {
      expect(valid(body)).toBe(true);
      expect(exampleKeys).not.toContain(body[KEY_FIELD]);
    }
    expect(bodies.withKey('k-1')[KEY_FIELD]).toBe('k-1');
  });

  it('finds another valid body under the same key', () => {
    const original = bodies.withKey('k-1');
    const other = bodies.otherWithKey('k-1', original)!;
    expect(other.body[KEY_FIELD]).toBe('k-1');
    expect(other.body).not.toEqual(original);
    expect(contract.validatorFor(other.command.requestSchemaPointer)(other.body)).toBe(true);
  });

  it('breaks one field at a time, and adds a member the schema does not allow', () => {
    const fields = Object.keys(
      loadBundledSpec().components.schemas[command.requestSchemaPointer.split('/').pop()!].properties,
    );
    const broken = bodies.invalidFields();
    expect(broken.map(({ field }) => field)).toEqual(fields);
    for (const { field, value, body } of broken) {
      expect(body[field]).toBe(value);
      expect(valid(body)).toBe(false);
      expect(valid({ ...body, [field]: bodies.plain()[field] ?? undefined })).toBe(true);
    }
    expect(bodies.unknownField()).toMatchObject({ [UNKNOWN_FIELD]: true });
    expect(valid(bodies.unknownField())).toBe(false);
  });
});

it('finds another body in another command when the command’s own examples give only one (answer → hangup)', () => {
  const answer = contract.commands.find(({ operationId }) => operationId === 'answer')!;
  const other = commandBodies(contract, answer).otherWithKey('k-1', { [KEY_FIELD]: 'k-1' })!;
  expect(other.command.operationId).not.toBe('answer');
});

it('makes keys the contract allows', () => {
  const validate = contract.validatorFor('#/components/schemas/CommandUid');
  expect(validate(freshKey())).toBe(true);
  expect(freshKey()).not.toBe(freshKey());
});
