// The contract's webhooks as the kit reads them: each one's signature headers (its
// `parameters`), body schema and named examples, and the open sets in its payload (fields whose
// schema lists its known values in `x-extensible-enum`: a receiver must accept others).
import { at, follow, pointerTo, refOr, type Json } from './spec-document.js';

export interface WebhookExample {
  name: string;
  pointer: string;
  value: Json;
}

/** A field of a payload whose values are an open set. */
export interface OpenSetField {
  /** The field's name (`command`). */
  name: string;
  /** Its tokens in the payload (`['data', 'command']`). */
  path: string[];
  schemaPointer: string;
  known: string[];
  pattern: RegExp | undefined;
  maxLength: number | undefined;
}

export interface ContractWebhook {
  name: string;
  /** The webhook's operation (`#/webhooks/command.result/post`). */
  pointer: string;
  schemaPointer: string;
  /** The headers its `parameters` define, in order. */
  headers: { name: string; pointer: string; required: boolean }[];
  examples: WebhookExample[];
  openSets: OpenSetField[];
  /** Where the payload names its session: the property whose schema is `SessionUuid` (`['data', 'session_uuid']`). */
  sessionPath: string[];
}

const SESSION_UUID = '#/components/schemas/SessionUuid';

function sessionPathIn(spec: Json, schemaPointer: string, depth = 0): string[] | undefined {
  const schema = at(spec, schemaPointer);
  for (const [name, raw] of Object.entries((schema.properties ?? {}) as Record<string, Json>)) {
    if (raw?.$ref === SESSION_UUID) return [name];
    if (depth < 2 && typeof raw?.$ref === 'string') {
      const inner = sessionPathIn(spec, raw.$ref, depth + 1);
      if (inner !== undefined) return [name, ...inner];
    }
  }
  return undefined;
}

function openSetsIn(spec: Json, schemaPointer: string, path: string[] = [], depth = 0): OpenSetField[] {
  const schema = at(spec, schemaPointer);
  if (depth > 4 || typeof schema.properties !== 'object') return [];
  return Object.entries(schema.properties as Record<string, Json>).flatMap(([name, raw]) => {
    const pointer = refOr(raw, `${schemaPointer}/properties/${name}`);
    const property = follow(spec, raw);
    if (Array.isArray(property['x-extensible-enum'])) {
      return [
        {
          name,
          path: [...path, name],
          schemaPointer: pointer,
          known: property['x-extensible-enum'] as string[],
          pattern: typeof property.pattern === 'string' ? new RegExp(property.pattern) : undefined,
          maxLength: typeof property.maxLength === 'number' ? property.maxLength : undefined,
        },
      ];
    }
    return property.type === 'object' ? openSetsIn(spec, pointer, [...path, name], depth + 1) : [];
  });
}

export function readWebhooks(spec: Json): ContractWebhook[] {
  return Object.keys(spec.webhooks ?? {}).map((name) => {
    const pointer = pointerTo('webhooks', name, 'post');
    const operation = at(spec, pointer);
    const content = follow(spec, operation.requestBody).content?.['application/json'];
    if (content?.schema === undefined) throw new Error(`${pointer} has no application/json body schema`);
    const schemaPointer = refOr(content.schema, `${pointer}/requestBody/content/application~1json/schema`);
    const headers = ((operation.parameters ?? []) as unknown[]).map((raw, index) => {
      const parameter = follow(spec, raw);
      if (parameter.in !== 'header') throw new Error(`${pointer}/parameters/${index} is not a header`);
      return {
        name: String(parameter.name).toLowerCase(),
        pointer: refOr(raw, `${pointer}/parameters/${index}`),
        required: parameter.required === true,
      };
    });
    const examples = Object.entries((content.examples ?? {}) as Record<string, Json>).map(([exampleName, raw]) => ({
      name: exampleName,
      pointer: refOr(raw, `${pointer}/requestBody/content/application~1json/examples/${exampleName}`),
      value: follow(spec, raw).value as Json,
    }));
    if (examples.length === 0) throw new Error(`${pointer} has no example to send`);
    const sessionPath = sessionPathIn(spec, schemaPointer);
    if (sessionPath === undefined) throw new Error(`${schemaPointer} names no session (a SessionUuid property)`);
    return { name, pointer, schemaPointer, headers, examples, openSets: openSetsIn(spec, schemaPointer), sessionPath };
  });
}
