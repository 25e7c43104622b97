// The bundled contract as JSON Schema 2020-12 (OpenAPI 3.1's dialect), compiled with Ajv.
// One place that knows how to turn "the schema at this JSON Pointer of the spec" into a
// validator, for the tests of every package and for tools that check payloads at run time.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const SPEC_ID = 'https://call-control.invalid/openapi.json';

/** Every `x-…` key used anywhere in the document, so Ajv's strict mode accepts them. */
function vendorExtensionKeys(node, found = new Set()) {
  if (Array.isArray(node)) {
    for (const item of node) vendorExtensionKeys(item, found);
  } else if (node !== null && typeof node === 'object') {
    for (const [key, value] of Object.entries(node)) {
      if (key.startsWith('x-')) found.add(key);
      vendorExtensionKeys(value, found);
    }
  }
  return found;
}

/**
 * A validator factory over one bundled spec document. `code` is passed to Ajv (for example
 * `{ source: true, esm: true }` to generate standalone validation code).
 * `validatorFor('#/components/schemas/HangupRequest')` returns Ajv's compiled function
 * (its `errors` hold each violation's `instancePath`, a JSON Pointer into the value).
 */
export function createSpecValidator(spec, { allErrors = true, code } = {}) {
  const ajv = new Ajv2020({ allErrors, strict: true, strictRequired: false, strictTypes: false, code });
  addFormats(ajv);
  // The document's top-level OpenAPI fields, and OpenAPI's own schema keywords: to Ajv they
  // are annotations, so the document itself compiles and pointers into it resolve.
  ajv.addVocabulary([
    'openapi',
    'info',
    'jsonSchemaDialect',
    'servers',
    'security',
    'tags',
    'paths',
    'webhooks',
    'components',
    'example',
    'discriminator',
    'xml',
    'externalDocs',
  ]);
  ajv.addVocabulary([...vendorExtensionKeys(spec)]);
  ajv.addSchema(spec, SPEC_ID);
  const cache = new Map();
  return {
    ajv,
    validatorFor(pointer) {
      if (!cache.has(pointer)) {
        // A pointer is a URI fragment here: `{uuid}` and the like must be percent-encoded.
        const validate = ajv.getSchema(`${SPEC_ID}${encodeURI(pointer)}`);
        if (validate === undefined) throw new Error(`no schema at ${pointer} in the spec`);
        cache.set(pointer, validate);
      }
      return cache.get(pointer);
    },
  };
}

/**
 * A check of whole webhook deliveries against the spec's webhook definitions, independent of
 * any receiver library: each header the webhook's `parameters` define, and the body against the
 * event schema of its `type`. Returns the violations as sentences (none: the delivery is valid).
 */
export function createWebhookDeliveryChecker(spec) {
  const { validatorFor } = createSpecValidator(spec);
  const violationsOf = (pointer, value) => {
    const validate = validatorFor(pointer);
    return validate(value)
      ? []
      : (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message}`);
  };
  return (headers, body) => {
    let event;
    try {
      event = JSON.parse(body);
    } catch {
      return [`a delivery that is not JSON: ${String(body).slice(0, 80)}`];
    }
    const operation = spec.webhooks?.[event?.type]?.post;
    if (operation === undefined) return [`a delivery of unknown type ${JSON.stringify(event?.type)}`];
    const violations = [];
    for (const ref of operation.parameters ?? []) {
      const name = ref.$ref.split('/').pop();
      const parameter = spec.components.parameters[name];
      const raw = headers[parameter.name.toLowerCase()];
      const value = parameter.schema.type === 'integer' && /^\d+$/.test(raw ?? '') ? Number(raw) : raw;
      for (const problem of violationsOf(`#/components/parameters/${name}/schema`, value))
        violations.push(`header ${parameter.name}: ${problem}`);
    }
    const schema = operation.requestBody.content['application/json'].schema.$ref;
    for (const problem of violationsOf(schema, event)) violations.push(`${event.type} body: ${problem}`);
    return violations;
  };
}
