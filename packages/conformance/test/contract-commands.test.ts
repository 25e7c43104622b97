import { loadBundledSpec } from '@call-control/spec';
import { describe, expect, it } from 'vitest';
import { readCommands } from '../src/contract-commands.js';

const spec = loadBundledSpec();
const commands = readCommands(spec);
const operationOf = (route: string) => spec.paths[route].post;
const routes = Object.keys(spec.paths);

describe.each(commands.map((command, index) => [command.operationId, command, routes[index]!] as const))(
  '%s',
  (_name, command, route) => {
    const operation = operationOf(route);

    it('has its route, with the session in its path parameter, and its method', () => {
      expect(command.method).toBe('POST');
      expect(command.path('3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234')).toBe(
        route.replace('{uuid}', '3f9c2a7e-8b1d-4c5e-9a2f-6d7e8f901234'),
      );
      expect(command.path('a/b')).toBe(route.replace('{uuid}', 'a%2Fb'));
      expect(command.pointer).toBe(`#/paths/${route.replaceAll('/', '~1')}/post`);
    });

    it('names the credentials of the spec’s security schemes', () => {
      expect(command.credentials).toEqual(
        Object.keys(spec.security[0]).map((scheme) => ({
          scheme,
          header: spec.components.securitySchemes[scheme].name,
        })),
      );
    });

    it('reads its request schema and examples, and each documented answer', () => {
      const body = spec.components.requestBodies[operation.requestBody.$ref.split('/').pop()];
      expect(command.requestSchemaPointer).toBe(body.content['application/json'].schema.$ref);
      expect(command.requestExamples.map(({ name }) => name)).toEqual(
        Object.values(body.content['application/json'].examples).map((example: ReturnType<typeof loadBundledSpec>) =>
          example.$ref.split('/').pop(),
        ),
      );
      expect(command.responses.map(({ status }) => status)).toEqual(Object.keys(operation.responses));
      const unauthorized = command.responses.find(({ status }) => status === '401')!;
      expect(unauthorized).toMatchObject({ mediaType: 'application/problem+json', examples: ['UnauthorizedProblem'] });
      expect(command.responses.find(({ status }) => status === '202')!.headers).toEqual(['Idempotent-Replayed']);
    });

    it('reads the webhooks it triggers, in order, with their bounds', () => {
      const extension = operation['x-webhooks-triggered'];
      expect(command.timeoutMs).toBe(extension.timeout_ms);
      expect(command.triggered).toEqual(
        extension.webhooks.map((entry: ReturnType<typeof loadBundledSpec>) => ({
          webhook: entry.webhook,
          trigger: entry.trigger,
          maxDelayMs: entry.max_delay_ms,
        })),
      );
    });
  },
);

it('refuses a command whose security is not an API key in a header', () => {
  const broken = loadBundledSpec();
  broken.components.securitySchemes.ApiKey = { type: 'http', scheme: 'bearer' };
  expect(() => readCommands(broken)).toThrow('security scheme ApiKey is not an API key in a header');
});
