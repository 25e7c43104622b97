// Every example in the bundled spec validates against its schema with a JSON Schema 2020-12
// validator (OpenAPI 3.1's dialect); and mutated examples are rejected, which proves the
// validator is really checking.
import { describe, expect, it } from 'vitest';
import { escapePointerToken as pointerToken } from '@call-control/spec';
import { createSpecValidator } from '@call-control/spec/validator';
import { deref, loadBundledSpec, type Node } from './support/bundled-spec.js';

const spec = loadBundledSpec();
const { validatorFor } = createSpecValidator(spec);

interface ExampleCase {
  where: string; // JSON Pointer of the example's owner, for the test name
  schemaPointer: string;
  value: unknown;
}

/** Walks the document and collects every example with the schema it must satisfy. */
function collectExamples(node: Node, at: string, found: ExampleCase[] = []): ExampleCase[] {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) collectExamples(item, `${at}/${i}`, found);
    return found;
  }
  if (node === null || typeof node !== 'object') return found;
  // Media types, parameters and headers: `schema` beside `example` / named `examples`.
  if (node.schema !== undefined && !at.includes('/x-')) {
    const schemaPointer = `${at}/schema`;
    if (node.example !== undefined) found.push({ where: `${at}/example`, schemaPointer, value: node.example });
    for (const [name, example] of Object.entries<Node>(node.examples ?? {})) {
      found.push({ where: `${at}/examples/${name}`, schemaPointer, value: deref(spec, example).value });
    }
  }
  // Schemas with their own `examples` array (JSON Schema's keyword).
  if (at.startsWith('#/components/schemas/') && Array.isArray(node.examples)) {
    for (const [i, value] of node.examples.entries())
      found.push({ where: `${at}/examples/${i}`, schemaPointer: at, value });
  }
  for (const [key, value] of Object.entries(node)) {
    if (key === 'examples' || key === 'example') continue;
    collectExamples(value, `${at}/${pointerToken(key)}`, found);
  }
  return found;
}

const examples = collectExamples(spec, '#');

/** Every media type object (`content/<type>`) in the document. */
function mediaTypes(node: Node, at: string, found: { at: string; media: Node }[] = []) {
  if (node === null || typeof node !== 'object') return found;
  for (const [key, value] of Object.entries<Node>(node)) {
    const here = `${at}/${pointerToken(key)}`;
    if (key === 'content' && value && typeof value === 'object' && !at.includes('/examples/')) {
      for (const [type, media] of Object.entries<Node>(value)) found.push({ at: `${here}/${type}`, media });
    } else if (key !== 'examples') mediaTypes(value, here, found);
  }
  return found;
}

describe('every example in the spec is valid', () => {
  it('covers every named example, and every body, response and webhook has one', () => {
    const covered = new Set(
      examples.map(({ where }) => where.split('/examples/')[1]).filter((name) => name && !/^\d+$/.test(name)),
    );
    expect([...covered].sort()).toEqual(Object.keys(spec.components.examples).sort());
    const all = mediaTypes(spec, '#');
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter(({ media }) => Object.keys(media.examples ?? {}).length === 0).map(({ at }) => at)).toEqual([]);
  });

  it.each(examples.map((example) => [example.where, example] as const))('%s', (_where, example) => {
    const validate = validatorFor(example.schemaPointer);
    const valid = validate(example.value);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });
});

const example = (name: string): Node => structuredClone(spec.components.examples[name].value);
const schemaOf = (name: string) => `#/components/schemas/${name}`;

type Mutation = [
  name: string,
  { schema: string; given: () => unknown; want: { instancePath: string; keyword: string } },
];

const mutations: Mutation[] = [
  [
    'a cause over 64 characters',
    {
      schema: schemaOf('HangupRequest'),
      given: () => ({ ...example('HangupUserBusyRequest'), cause: 'A'.repeat(65) }),
      want: { instancePath: '/cause', keyword: 'maxLength' },
    },
  ],
  [
    'a cause that breaks ^[A-Z_]+$',
    {
      schema: schemaOf('HangupRequest'),
      given: () => ({ ...example('HangupUserBusyRequest'), cause: 'user_busy' }),
      want: { instancePath: '/cause', keyword: 'pattern' },
    },
  ],
  [
    'a command_uid over 128 characters',
    {
      schema: schemaOf('AnswerRequest'),
      given: () => ({ command_uid: 'a'.repeat(129) }),
      want: { instancePath: '/command_uid', keyword: 'maxLength' },
    },
  ],
  [
    'a command_uid that breaks ^[a-zA-Z0-9._-]+$',
    {
      schema: schemaOf('DisconnectRequest'),
      given: () => ({ command_uid: 'has space' }),
      want: { instancePath: '/command_uid', keyword: 'pattern' },
    },
  ],
  [
    'an empty command_uid',
    {
      schema: schemaOf('HangupRequest'),
      given: () => ({ command_uid: '' }),
      want: { instancePath: '/command_uid', keyword: 'pattern' },
    },
  ],
  [
    'an unknown field on answer',
    {
      schema: schemaOf('AnswerRequest'),
      given: () => ({ ...example('EmptyCommandRequest'), cause: 'USER_BUSY' }),
      want: { instancePath: '', keyword: 'additionalProperties' },
    },
  ],
  [
    'an envelope without operation_id',
    {
      schema: schemaOf('DeferredOperation'),
      given: () => {
        const { operation_id: _dropped, ...rest } = example('DeferredOperationAccepted');
        return rest;
      },
      want: { instancePath: '', keyword: 'required' },
    },
  ],
  [
    'an envelope with an operation_id that is no UUID',
    {
      schema: schemaOf('DeferredOperation'),
      given: () => ({ ...example('DeferredOperationAccepted'), operation_id: 'op-1' }),
      want: { instancePath: '/operation_id', keyword: 'format' },
    },
  ],
  [
    'an envelope with another status',
    {
      schema: schemaOf('DeferredOperation'),
      given: () => ({ ...example('DeferredOperationAccepted'), status: 'done' }),
      want: { instancePath: '/status', keyword: 'enum' },
    },
  ],
  [
    'call.hangup without hangup_cause',
    {
      schema: schemaOf('CallHangupEvent'),
      given: () => {
        const event = example('CallHangupByApi');
        delete event.data.hangup_cause;
        return event;
      },
      want: { instancePath: '/data', keyword: 'required' },
    },
  ],
  [
    'call.hangup with a string duration',
    {
      schema: schemaOf('CallHangupEvent'),
      given: () => {
        const event = example('CallHangupByApi');
        event.data.duration_ms = '70131';
        return event;
      },
      want: { instancePath: '/data/duration_ms', keyword: 'type' },
    },
  ],
  [
    'command.result of the wrong type',
    {
      schema: schemaOf('CommandResultEvent'),
      given: () => ({ ...example('CommandResultSucceeded'), type: 'call.hangup' }),
      want: { instancePath: '/type', keyword: 'const' },
    },
  ],
  [
    'a failed command.result without error',
    {
      schema: schemaOf('CommandResultEvent'),
      given: () => {
        const event = example('CommandResultFailed');
        delete event.data.error;
        return event;
      },
      want: { instancePath: '/data', keyword: 'required' },
    },
  ],
  [
    'a succeeded command.result with an error',
    {
      schema: schemaOf('CommandResultEvent'),
      given: () => {
        const event = example('CommandResultSucceeded');
        event.data.error = example('CommandResultFailed').data.error;
        return event;
      },
      want: { instancePath: '/data', keyword: 'not' },
    },
  ],
  [
    'a problem with a string status',
    {
      schema: schemaOf('Problem'),
      given: () => ({ ...example('ValidationFailedProblem'), status: '422' }),
      want: { instancePath: '/status', keyword: 'type' },
    },
  ],
  [
    'a problem field error that names no field',
    {
      schema: schemaOf('Problem'),
      given: () => {
        const problem = example('ValidationFailedProblem');
        delete problem.errors[0].pointer;
        return problem;
      },
      want: { instancePath: '/errors/0', keyword: 'minProperties' },
    },
  ],
  [
    'a problem field error that names a field twice',
    {
      schema: schemaOf('Problem'),
      given: () => {
        const problem = example('ValidationFailedProblem');
        problem.errors[0].parameter = 'uuid';
        return problem;
      },
      want: { instancePath: '/errors/0', keyword: 'maxProperties' },
    },
  ],
];

describe('mutated examples are rejected (the validator is on)', () => {
  it.each(mutations)('%s', (_name, { schema, given, want }) => {
    const validate = validatorFor(schema);
    expect(validate(given())).toBe(false);
    expect(validate.errors).toEqual(expect.arrayContaining([expect.objectContaining(want)]));
  });
});
