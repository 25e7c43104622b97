import { loadBundledSpec } from '@call-control/spec';
import { describe, expect, it } from 'vitest';
import { readWebhooks } from '../src/contract-webhooks.js';

const spec = loadBundledSpec();
const webhooks = readWebhooks(spec);

describe.each(webhooks.map((webhook) => [webhook.name, webhook] as const))('%s', (name, webhook) => {
  const operation = spec.webhooks[name].post;
  const content = operation.requestBody.content['application/json'];

  it('reads its signature headers, body schema and examples', () => {
    expect(webhook.headers.map(({ name: header }) => header)).toEqual(
      operation.parameters.map(({ $ref }: { $ref: string }) => spec.components.parameters[$ref.split('/').pop()!].name),
    );
    expect(webhook.headers.every(({ required }) => required)).toBe(true);
    expect(webhook.schemaPointer).toBe(content.schema.$ref);
    expect(webhook.examples.map(({ value }) => value)).toEqual(
      Object.values(content.examples).map(
        (example: ReturnType<typeof loadBundledSpec>) => spec.components.examples[example.$ref.split('/').pop()].value,
      ),
    );
  });

  it('finds where its payload names the session', () => {
    expect(webhook.sessionPath).toEqual(['data', 'session_uuid']);
  });
});

it('finds the open sets of the payloads: command.result’s command, with CommandName’s known values', () => {
  const [field, ...none] = webhooks.flatMap(({ openSets }) => openSets);
  expect(none).toEqual([]);
  expect(field).toMatchObject({
    name: 'command',
    path: ['data', 'command'],
    schemaPointer: '#/components/schemas/CommandName',
    known: spec.components.schemas.CommandName['x-extensible-enum'],
    maxLength: 64,
  });
  expect(field!.pattern?.source).toBe(spec.components.schemas.CommandName.pattern);
});

it('refuses a webhook whose payload names no session, and one without an example', () => {
  const withoutSession = loadBundledSpec();
  delete withoutSession.components.schemas.CallAnsweredData.properties.session_uuid;
  expect(() => readWebhooks(withoutSession)).toThrow('CallAnsweredEvent names no session');
  const withoutExample = loadBundledSpec();
  delete withoutExample.webhooks['call.answered'].post.requestBody.content['application/json'].examples;
  expect(() => readWebhooks(withoutExample)).toThrow('has no example to send');
});
