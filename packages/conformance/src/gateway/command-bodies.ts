// The request bodies the gateway cases send, all from a command's own request examples and
// schema: a valid body (with a fresh idempotency key, never an example's own), the same with a
// chosen key, another body under the same key, and for each field a value its rule refuses.
import { randomBytes } from 'node:crypto';
import type { Contract, ContractCommand } from '../contract.js';
import { at, type Json } from '../spec-document.js';

/** The idempotency key's field, as the contract names it (`#/components/schemas/CommandUid`). */
export const KEY_FIELD = 'command_uid';

/** A key no earlier run used: fits `CommandUid` (`^[a-zA-Z0-9._-]+$`). */
export const freshKey = () => `conformance-${randomBytes(8).toString('hex')}`;

/** A member no request schema has. */
export const UNKNOWN_FIELD = 'conformance_probe';

/** Values tried, in order, for a field that must break its rule; the first the schema refuses is sent. */
const BREAKING_VALUES: unknown[] = ['not valid!', '', 12345, true, null];

export interface CommandBodies {
  /** Whether the command takes an idempotency key. */
  keyed: boolean;
  /** A valid body (its key, if any, fresh). */
  plain(): Json;
  /** The body the idempotency cases send with `key`. */
  withKey(key: string): Json;
  /** A body under the same key that differs from `original`: this command's, or another command's. */
  otherWithKey(key: string, original: Json): { command: ContractCommand; body: Json } | undefined;
  /** For each field of the body: a body where only that field breaks its rule. */
  invalidFields(): { field: string; value: unknown; body: Json }[];
  /** A valid body with a member the schema does not allow, when it allows none. */
  unknownField(): Json | undefined;
}

function validExamples(contract: Contract, command: ContractCommand): Json[] {
  const validate = contract.validatorFor(command.requestSchemaPointer);
  const examples = command.requestExamples.map(({ value }) => value).filter((value) => validate(value));
  if (examples.length === 0) throw new Error(`${command.pointer} has no request example its schema accepts`);
  return examples;
}

export function commandBodies(contract: Contract, command: ContractCommand): CommandBodies {
  const schema = at(contract.spec, command.requestSchemaPointer);
  const validate = contract.validatorFor(command.requestSchemaPointer);
  const keyed = Object.hasOwn(schema.properties ?? {}, KEY_FIELD);
  const examples = validExamples(contract, command);
  const rekey = (body: Json, key: string) => (keyed ? { ...body, [KEY_FIELD]: key } : { ...body });
  const plain = () => {
    const first = examples[0]!;
    return Object.hasOwn(first, KEY_FIELD) ? rekey(first, freshKey()) : { ...first };
  };
  return {
    keyed,
    plain,
    withKey: (key) => rekey(examples.find((example) => Object.hasOwn(example, KEY_FIELD)) ?? examples[0]!, key),
    otherWithKey(key, original) {
      const others = [command, ...contract.commands.filter((candidate) => candidate !== command)];
      for (const candidate of others) {
        for (const example of validExamples(contract, candidate)) {
          const body = { ...example, [KEY_FIELD]: key };
          if (JSON.stringify(Object.entries(body).sort()) !== JSON.stringify(Object.entries(original).sort()))
            return { command: candidate, body };
        }
      }
      return undefined;
    },
    invalidFields: () =>
      Object.keys(schema.properties ?? {}).flatMap((field) => {
        const value = BREAKING_VALUES.find((candidate) => !validate({ ...plain(), [field]: candidate }));
        return value === undefined ? [] : [{ field, value, body: { ...plain(), [field]: value } }];
      }),
    unknownField: () => (schema.additionalProperties === false ? { ...plain(), [UNKNOWN_FIELD]: true } : undefined),
  };
}
