// The bundled contract as JSON Schema 2020-12 (OpenAPI 3.1's dialect), compiled with Ajv.
// One place that knows how to turn "the schema at this JSON Pointer of the spec" into a
// validator, for the tests of every package and for tools that check payloads at run time.
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

const SPEC_ID = 'https://call-control.invalid/openapi.json';

/** Every `x-…` key used anywhere in the document, so Ajv's strict mode accepts them. */
function vendorExtensionKeys(node, found = new Set()) {
  if (Array.isArray(node)) node.forEach((item) => vendorExtensionKeys(item, found));
  else if (node !== null && typeof node === 'object') {
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
    'openapi', 'info', 'jsonSchemaDialect', 'servers', 'security', 'tags', 'paths', 'webhooks',
    'components', 'example', 'discriminator', 'xml', 'externalDocs',
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
