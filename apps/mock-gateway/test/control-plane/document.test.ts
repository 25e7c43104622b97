// The control plane's OpenAPI document (openapi/, bundled to dist/control-plane.json) kept in
// step with the code and the contract: what it lists is what the mock does, and validating
// against it is not vacuous. (`pnpm lint` lints it with Redocly; every control answer in the
// tests is checked against it by support/control-plane.ts.)
import { describe, expect, it } from 'vitest';
import { DEFAULT_JOURNAL_SIZE } from '../../src/mock-gateway.js';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../../src/workbench/journal-query.js';
import { DEFAULT_MAX_WAITING, MAX_WAIT_MS } from '../../src/workbench/journal-waits.js';
import { API_KEY_MASK, BODY_BOUND, HEADERS_BOUND } from '../../src/workbench/request-journal.js';
import { controlPlane, controlViolations } from '../support/control-plane.js';
import { spec } from '../support/spec.js';

const schemas = controlPlane.components.schemas;

describe('the control plane document', () => {
  it('is an OpenAPI 3.1 document titled "Mock gateway", self-contained', () => {
    expect([controlPlane.openapi, controlPlane.info.title]).toEqual(['3.1.0', 'Mock gateway']);
    expect(JSON.stringify(controlPlane)).not.toMatch(/"\$ref":"(?!#)/);
  });

  it('gives the contract’s own contact (where its readers can really ask), not a placeholder', () => {
    expect(controlPlane.info.contact).toEqual(spec.info.contact);
  });

  it('names the contract’s webhooks, commands and hangup sources, and the journal’s default size', () => {
    const webhooks = Object.keys(spec.webhooks);
    expect(schemas.Delivery.properties.type.enum).toEqual(webhooks);
    expect(
      controlPlane.paths['/__mock/deliveries'].get.parameters.find(({ name }: { name: string }) => name === 'type')
        .schema.enum,
    ).toEqual(webhooks);
    // The command is the contract's own CommandName (an open set), or null: no list of commands here.
    expect(schemas.CommandStreamEvent.properties.command.oneOf).toEqual([
      { $ref: '#/components/schemas/CommandName' },
      { type: 'null' },
    ]);
    expect(schemas.CommandName['x-extensible-enum']).toEqual(
      Object.values(spec.paths).map((item) => (item as { post: { operationId: string } }).post.operationId),
    );
    expect(schemas.RemoteHangupRequest.properties.source.enum).toEqual(
      spec.components.schemas.HangupSource.enum.filter((source: string) => source !== 'api'),
    );
    expect(controlPlane.info.description).toContain(
      `\`--journal-size\` deliveries (default ${DEFAULT_JOURNAL_SIZE.toLocaleString('en')})`,
    );
  });

  it('states the bounds the code keeps: page size, wait, waits at once, body and headers kept, the mask', () => {
    const resolved = (node: { $ref?: string }) =>
      node.$ref === undefined ? node : controlPlane.components.parameters[node.$ref.split('/').at(-1)!];
    const parameter = (path: string, name: string) =>
      controlPlane.paths[path].get.parameters.map(resolved).find((p: { name: string }) => p.name === name).schema;
    for (const path of ['/__mock/deliveries', '/__mock/requests']) {
      expect(parameter(path, 'limit')).toMatchObject({ default: DEFAULT_PAGE_LIMIT, maximum: MAX_PAGE_LIMIT });
      expect(parameter(path, 'wait_ms')).toMatchObject({ maximum: MAX_WAIT_MS });
    }
    const request = schemas.JournaledRequest.properties;
    const en = (n: number) => n.toLocaleString('en');
    const said = (text: string) => text.replace(/\s+/g, ' ');
    expect(said(request.body.description)).toContain(`its first ${en(BODY_BOUND)} bytes`);
    expect(said(request.headers.description)).toContain(`At most ${en(HEADERS_BOUND)} characters`);
    expect(said(request.headers.description)).toContain(`\`${API_KEY_MASK}\``);
    expect(said(controlPlane.components.responses.TooManyWaits.description)).toContain(
      `${en(DEFAULT_MAX_WAITING)} reads`,
    );
    expect(said(controlPlane.info.description)).toContain(`\`wait_ms\` (at most ${en(MAX_WAIT_MS)})`);
  });

  it.each([
    [
      'a delivery in a state it cannot be in',
      'Delivery',
      { state: 'lost' },
      /state must be equal to one of the allowed values/,
    ],
    ['a delivery whose payload breaks the contract', 'Delivery', { payload: { type: 'call.hangup' } }, /payload/],
    [
      'a stream message with an unknown event',
      'StreamMessage',
      { id: '1', event: 'ping', data: {} },
      /must match exactly one schema/,
    ],
  ])('rejects %s', (_name, schema, change, violation) => {
    const valid = {
      id: 'evt_0123456789abcdef',
      type: 'call.hangup',
      session_uuid: '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234',
      operation_id: null,
      state: 'not_sent',
      attempts: [],
      payload:
        controlPlane.paths['/__mock/deliveries'].get.responses['200'].content['application/json'].example.deliveries[0]
          .payload,
    };
    const base = schema === 'Delivery' ? valid : {};
    expect(controlViolations(`#/components/schemas/${schema}`, base)).toEqual(
      schema === 'Delivery' ? [] : expect.anything(),
    );
    expect(controlViolations(`#/components/schemas/${schema}`, { ...base, ...change }).join('\n')).toMatch(violation);
  });
});
