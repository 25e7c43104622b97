// Compares two JSON Schemas (OpenAPI 3.1) and classifies each difference by who reads the
// value. A request schema is read by the gateway and written by callers: narrowing it breaks
// callers. A response or webhook payload is written by the gateway and read by clients and
// receivers: widening it (or removing what they read) breaks them.

/** @typedef {'request' | 'response'} Direction */
/** @typedef {{ breaking: boolean, where: string, message: string }} Change */

// Keywords that describe but never constrain: changing them is never breaking.
const ANNOTATIONS = new Set([
  'title',
  'description',
  'examples',
  'example',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'externalDocs',
]);
// Keywords compared by a dedicated rule below.
const HANDLED = new Set([
  'type',
  'properties',
  'required',
  'additionalProperties',
  'items',
  'enum',
  'const',
  'maxLength',
  'minLength',
  'maximum',
  'minimum',
  'maxItems',
  'minItems',
  'pattern',
  'format',
  '$ref',
]);
// Upper bounds widen when they grow; lower bounds widen when they shrink.
const UPPER_BOUNDS = ['maxLength', 'maximum', 'maxItems'];
const LOWER_BOUNDS = ['minLength', 'minimum', 'minItems'];

// The known values of an open set of names (Zalando's convention; see ADR 0005).
const OPEN_SET = 'x-extensible-enum';

// A format's own definition as a pattern. Adding it to a schema that already had the format
// narrows nothing the format allowed, though validators may be laxer: JSON Schema's `uuid` is
// RFC 4122's string form, 8-4-4-4-12 hex digits, while ajv-formats also takes `urn:uuid:…`.
const FORMAT_PATTERNS = {
  uuid: '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$',
};
const spellsOutFormat = (a, b) =>
  a.format !== undefined &&
  a.format === b.format &&
  Object.hasOwn(FORMAT_PATTERNS, b.format) &&
  FORMAT_PATTERNS[b.format] === b.pattern;

const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const typesOf = (schema) => (schema.type === undefined ? [] : [schema.type].flat());
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
const show = (value) => JSON.stringify(value);

/**
 * Each difference between `before` and `after`, with `deref` resolving `$ref`s in either
 * document. `where` is the location within the value (`/data/hangup_cause`).
 * @param {object} before @param {object} after
 * @param {{ direction: Direction, where?: string, deref: (schema: object, side: 'before' | 'after') => object }} context
 * @returns {Change[]}
 */
export function compareSchemas(before, after, { direction, where = '', deref }) {
  const changes = [];
  const seen = new Set();
  const report = (breaking, at, message) => changes.push({ breaking, where: at || '/', message });
  // Breaking when it widens what readers may get (responses), or narrows what writers may
  // send (requests).
  const byDirection = (widens) => (direction === 'response' ? widens : !widens);
  walk(before, after, where);
  return changes;

  // The known values of an open set (`x-extensible-enum`, ADR 0005): readers accept any value,
  // so a new one breaks nobody; a value no longer known may still be sent by callers.
  function compareOpenSets(a, b, at) {
    const known = (schema) => (Array.isArray(schema[OPEN_SET]) ? schema[OPEN_SET] : undefined);
    const [knownA, knownB] = [known(a), known(b)];
    if (knownA === undefined || knownB === undefined) return;
    for (const value of knownB.filter((v) => !knownA.some((w) => same(v, w)))) {
      report(false, at, `known value ${show(value)} added (an open set: readers accept values they do not know)`);
    }
    for (const value of knownA.filter((v) => !knownB.some((w) => same(v, w)))) {
      report(direction === 'request', at, `known value ${show(value)} removed`);
    }
  }

  function walk(rawBefore, rawAfter, at) {
    if (typeof rawBefore === 'boolean' || typeof rawAfter === 'boolean') {
      if (rawBefore !== rawAfter) report(true, at, `schema changed from ${show(rawBefore)} to ${show(rawAfter)}`);
      return;
    }
    const a = deref(rawBefore, 'before');
    const b = deref(rawAfter, 'after');
    const key = `${at}|${show(rawBefore?.$ref)}|${show(rawAfter?.$ref)}`;
    if (seen.has(key)) return; // recursive schemas
    seen.add(key);

    // type
    const typesA = typesOf(a);
    const typesB = typesOf(b);
    const removedTypes = typesA.filter((type) => !typesB.includes(type));
    const addedTypes = typesB.filter((type) => !typesA.includes(type));
    if (removedTypes.length > 0 && addedTypes.length > 0) {
      report(true, at, `type changed from ${typesA.join('|')} to ${typesB.join('|')}`);
    } else if (addedTypes.length > 0) {
      report(byDirection(true), at, `type widened to ${typesB.join('|')} (added ${addedTypes.join(', ')})`);
    } else if (removedTypes.length > 0) {
      report(byDirection(false), at, `type narrowed to ${typesB.join('|')} (removed ${removedTypes.join(', ')})`);
    }

    // enum and const
    if (a.enum !== undefined || b.enum !== undefined) {
      if (a.enum === undefined) report(byDirection(false), at, `now limited to ${show(b.enum)}`);
      else if (b.enum === undefined) {
        const opened =
          b[OPEN_SET] !== undefined
            ? ` (now an open set, \`${OPEN_SET}\`: readers must accept values they do not know)`
            : '';
        report(byDirection(true), at, `no longer limited to ${show(a.enum)}${opened}`);
      } else {
        for (const value of a.enum.filter((v) => !b.enum.some((w) => same(v, w)))) {
          report(byDirection(false), at, `enum value ${show(value)} removed`);
        }
        for (const value of b.enum.filter((v) => !a.enum.some((w) => same(v, w)))) {
          report(byDirection(true), at, `enum value ${show(value)} added`);
        }
      }
    }
    compareOpenSets(a, b, at);
    if (!same(a.const, b.const)) {
      report(true, at, `const changed from ${show(a.const)} to ${show(b.const)}`);
    }

    // bounds
    for (const bound of [...UPPER_BOUNDS, ...LOWER_BOUNDS]) {
      if (a[bound] === b[bound]) continue;
      const upper = UPPER_BOUNDS.includes(bound);
      let widens;
      if (a[bound] === undefined)
        widens = false; // a bound appeared
      else if (b[bound] === undefined)
        widens = true; // a bound went away
      else widens = upper ? b[bound] > a[bound] : b[bound] < a[bound];
      // (Said as the pattern's are: the changelog the docs publish reads these lines.)
      let message = `${bound} changed from ${show(a[bound])} to ${show(b[bound])}`;
      if (a[bound] === undefined) message = `${bound} ${show(b[bound])} added`;
      else if (b[bound] === undefined) message = `${bound} ${show(a[bound])} removed`;
      report(byDirection(widens), at, message);
    }

    // pattern and format: only their removal can be proven to widen
    for (const keyword of ['pattern', 'format']) {
      if (a[keyword] === b[keyword]) continue;
      if (b[keyword] === undefined) report(byDirection(true), at, `${keyword} ${show(a[keyword])} removed`);
      else if (keyword === 'pattern' && a.pattern === undefined && spellsOutFormat(a, b)) {
        report(false, at, `pattern ${show(b.pattern)} added (spells out format ${show(b.format)})`);
      } else if (a[keyword] === undefined) report(byDirection(false), at, `${keyword} ${show(b[keyword])} added`);
      else report(true, at, `${keyword} changed from ${show(a[keyword])} to ${show(b[keyword])}`);
    }

    // object properties
    const propsA = a.properties ?? {};
    const propsB = b.properties ?? {};
    const requiredA = a.required ?? [];
    const requiredB = b.required ?? [];
    const closedB = b.additionalProperties === false;
    for (const name of Object.keys(propsA)) {
      const child = `${at}/${name}`;
      if (!(name in propsB)) {
        // A caller still sending it is rejected only where unknown fields are.
        if (direction === 'request')
          report(closedB, child, `property removed${closedB ? ' (unknown fields are rejected)' : ''}`);
        else report(true, child, 'property removed');
        continue;
      }
      walk(propsA[name], propsB[name], child);
    }
    for (const name of Object.keys(propsB)) {
      if (name in propsA) continue;
      const required = requiredB.includes(name);
      if (direction === 'request')
        report(required, `${at}/${name}`, `${required ? 'required' : 'optional'} property added`);
      else report(false, `${at}/${name}`, `${required ? 'required' : 'optional'} property added`);
    }
    for (const name of requiredB.filter((n) => !requiredA.includes(n) && n in propsA)) {
      report(direction === 'request', `${at}/${name}`, 'became required');
    }
    for (const name of requiredA.filter((n) => !requiredB.includes(n) && n in propsB)) {
      report(direction === 'response', `${at}/${name}`, 'became optional');
    }
    if (!same(a.additionalProperties, b.additionalProperties)) {
      if (b.additionalProperties === false) report(byDirection(false), at, 'unknown properties now rejected');
      else if (a.additionalProperties === false) report(byDirection(true), at, 'unknown properties now allowed');
      else if (isObject(a.additionalProperties) && isObject(b.additionalProperties)) {
        walk(a.additionalProperties, b.additionalProperties, `${at}/*`);
      } else report(true, at, 'additionalProperties changed');
    }

    // arrays
    if (a.items !== undefined && b.items !== undefined) walk(a.items, b.items, `${at}/items`);
    else if (!same(a.items, b.items)) report(true, at, 'items changed');

    // Anything else that constrains (allOf, oneOf, if/then/else, not, …) and changed cannot be
    // classified by these rules: call it breaking, so a person decides.
    for (const keyword of new Set([...Object.keys(a), ...Object.keys(b)])) {
      if (ANNOTATIONS.has(keyword) || HANDLED.has(keyword) || keyword.startsWith('x-')) continue;
      if (!same(a[keyword], b[keyword])) report(true, at, `\`${keyword}\` changed (not classified: review by hand)`);
    }
  }
}
