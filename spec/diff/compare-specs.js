// Compares two bundled specs and classifies every difference as breaking or not, knowing
// direction: request bodies and parameters are written by callers (narrowing breaks them),
// responses and webhook payloads are read by clients and receivers (widening or removing
// breaks them). See compare-schemas.js for the schema rules.
import { dereference } from '../json-pointer.js';
import { compareSchemas } from './compare-schemas.js';

/** @typedef {import('./compare-schemas.js').Change} Change */
/** @typedef {Change & { subject: string }} SpecChange */

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

function resolver(doc) {
  return (node) => dereference(doc, node) ?? {};
}

/** Every operation of a document: `POST /path` for paths, `webhook command.result` for webhooks. */
function operations(doc) {
  const found = new Map();
  for (const [kind, map] of [
    ['path', doc.paths ?? {}],
    ['webhook', doc.webhooks ?? {}],
  ]) {
    for (const [name, item] of Object.entries(map)) {
      for (const method of METHODS.filter((m) => item[m] !== undefined)) {
        const subject = kind === 'path' ? `${method.toUpperCase()} ${name}` : `webhook ${name}`;
        found.set(subject, { kind, item, operation: item[method] });
      }
    }
  }
  return found;
}

/**
 * @param {object} base the released contract
 * @param {object} revision the contract as it is now
 * @returns {SpecChange[]}
 */
export function compareSpecs(base, revision) {
  const derefBase = resolver(base);
  const derefRevision = resolver(revision);
  const deref = (node, side) => (side === 'before' ? derefBase : derefRevision)(node);
  /** @type {SpecChange[]} */
  const changes = [];
  const add = (subject, breaking, where, message) => changes.push({ subject, breaking, where, message });
  const schemaChanges = (subject, label, before, after, direction) => {
    for (const change of compareSchemas(before, after, { direction, deref })) {
      add(subject, change.breaking, change.where === '/' ? label : `${label} ${change.where}`, change.message);
    }
  };

  if (!same(base.security, revision.security)) {
    add('security', true, 'security', 'the security requirement changed');
  }

  const before = operations(base);
  const after = operations(revision);
  for (const [subject, { kind }] of before) {
    if (!after.has(subject)) {
      add(subject, true, '', kind === 'path' ? 'operation removed' : 'webhook removed: receivers no longer get it');
    }
  }
  for (const [subject, { kind }] of after) {
    if (!before.has(subject)) {
      // Event types are an open set (ADR 0005): a receiver acknowledges a type it does not know
      // and ignores it, so a new webhook breaks nobody, any more than a new operation does.
      add(
        subject,
        false,
        '',
        kind === 'path'
          ? 'operation added'
          : 'webhook added: receivers acknowledge event types they do not know and ignore them',
      );
    }
  }

  for (const [subject, old] of before) {
    const now = after.get(subject);
    if (now === undefined) continue;
    // Who writes what: callers write requests; for a webhook the gateway writes the request
    // and receivers read it, so its payload and headers are judged like a response.
    const inbound = old.kind === 'path' ? 'request' : 'response';
    const outbound = old.kind === 'path' ? 'response' : 'request';

    if (old.operation.operationId !== now.operation.operationId) {
      add(
        subject,
        true,
        'operationId',
        `operationId changed from ${old.operation.operationId} to ${now.operation.operationId} (generated clients rename)`,
      );
    }
    if (!same(old.operation.security, now.operation.security)) {
      add(subject, true, 'security', "the operation's security requirement changed");
    }

    // parameters (path-level and operation-level), by name and location
    const parameters = (entry, resolve) => {
      const all = [...(entry.item.parameters ?? []), ...(entry.operation.parameters ?? [])].map(resolve);
      return new Map(all.map((p) => [`${p.in} ${p.name}`, p]));
    };
    const paramsBefore = parameters(old, derefBase);
    const paramsAfter = parameters(now, derefRevision);
    for (const [key, param] of paramsBefore) {
      const next = paramsAfter.get(key);
      if (next === undefined) {
        add(subject, inbound === 'response' && param.required === true, `parameter ${key}`, 'parameter removed');
        continue;
      }
      if (!param.required && next.required) add(subject, inbound === 'request', `parameter ${key}`, 'became required');
      if (param.required && !next.required) add(subject, inbound === 'response', `parameter ${key}`, 'became optional');
      schemaChanges(subject, `parameter ${key}`, param.schema ?? {}, next.schema ?? {}, inbound);
    }
    for (const [key, param] of paramsAfter) {
      if (!paramsBefore.has(key)) {
        add(
          subject,
          inbound === 'request' && param.required === true,
          `parameter ${key}`,
          `${param.required ? 'required' : 'optional'} parameter added`,
        );
      }
    }

    // request body
    const bodyBefore = derefBase(old.operation.requestBody ?? {});
    const bodyAfter = derefRevision(now.operation.requestBody ?? {});
    if (!bodyBefore.required && bodyAfter.required)
      add(subject, inbound === 'request', 'request body', 'became required');
    for (const [type, media] of Object.entries(bodyBefore.content ?? {})) {
      const next = bodyAfter.content?.[type];
      if (next === undefined) add(subject, true, `request body ${type}`, 'media type removed');
      else schemaChanges(subject, `request body`, media.schema ?? {}, next.schema ?? {}, inbound);
    }

    // responses
    const responsesBefore = old.operation.responses ?? {};
    const responsesAfter = now.operation.responses ?? {};
    for (const [status, rawResponse] of Object.entries(responsesBefore)) {
      const response = derefBase(rawResponse);
      if (!(status in responsesAfter)) {
        add(subject, status.startsWith('2'), `response ${status}`, 'response removed');
        continue;
      }
      const next = derefRevision(responsesAfter[status]);
      for (const [name, header] of Object.entries(response.headers ?? {})) {
        const nextHeader = next.headers?.[name];
        const resolved = derefBase(header);
        if (nextHeader === undefined)
          add(
            subject,
            outbound === 'response' && resolved.required === true,
            `response ${status} header ${name}`,
            'header removed',
          );
        else
          schemaChanges(
            subject,
            `response ${status} header ${name}`,
            resolved.schema ?? {},
            derefRevision(nextHeader).schema ?? {},
            outbound,
          );
      }
      for (const [type, media] of Object.entries(response.content ?? {})) {
        const nextMedia = next.content?.[type];
        if (nextMedia === undefined) add(subject, true, `response ${status} ${type}`, 'media type removed');
        else schemaChanges(subject, `response ${status}`, media.schema ?? {}, nextMedia.schema ?? {}, outbound);
      }
    }
    for (const status of Object.keys(responsesAfter).filter((s) => !(s in responsesBefore))) {
      add(subject, status.startsWith('2'), `response ${status}`, 'response added');
    }
  }
  return changes;
}

/** The major part of a `major.minor.patch` version. */
export function majorOf(version) {
  const major = Number.parseInt(String(version).split('.')[0], 10);
  if (Number.isNaN(major)) throw new Error(`info.version ${show(version)} has no major part`);
  return major;
}
const show = (value) => JSON.stringify(value);
