// The deliveries a receiver that keeps the contract answers `2xx`: every example of every
// webhook, what the Compatibility section promises it will meet (a type, a command, a field it
// has never seen), a delivery repeated, a body signed over bytes in an unusual form, a secret
// rotation and a timestamp well inside the tolerance.
import type { Contract, OpenSetField } from '../contract.js';
import { introductionSection } from '../spec-ref.js';
import { otherSecret, nowSeconds, signedDelivery } from './delivery.js';
import { NON_CANONICAL_FORMS } from './json-forms.js';
import { headerSpec, labelOf, type ReceiverCase } from './receiver-case.js';

/** A name the contract does not have: the stem, or the stem with letters added until it is new and fits. */
function unknownName(
  taken: readonly string[],
  fits: (name: string) => boolean = () => true,
  stem = 'conformance_probe',
): string {
  for (const candidate of [stem, ...'abcdefghij'.split('').map((letter) => `${stem}_${letter}`), 'probe']) {
    if (!taken.includes(candidate) && fits(candidate)) return candidate;
  }
  throw new Error(`no name outside ${taken.join(', ')} fits the contract's rule`);
}

const fitsOpenSet = (field: OpenSetField) => (name: string) =>
  (field.pattern?.test(name) ?? true) && name.length <= (field.maxLength ?? Number.POSITIVE_INFINITY);

function setAt(value: Record<string, unknown>, path: string[], replacement: unknown): Record<string, unknown> {
  const [head, ...rest] = path;
  return {
    ...value,
    [head!]: rest.length === 0 ? replacement : setAt(value[head!] as Record<string, unknown>, rest, replacement),
  };
}

/** The example with one member it has never seen added at the top and in each object inside it. */
function withExtraMembers(event: Record<string, unknown>, name: string): Record<string, unknown> {
  const nested = Object.fromEntries(
    Object.entries(event).map(([key, value]) =>
      value !== null && typeof value === 'object' && !Array.isArray(value)
        ? [key, { ...value, [name]: 'ignore me' }]
        : [key, value],
    ),
  );
  return { ...nested, [name]: { added: 'in a later minor version' } };
}

function openSetCases(contract: Contract): ReceiverCase[] {
  const byName = new Map<string, ReceiverCase>();
  for (const webhook of contract.webhooks) {
    for (const field of webhook.openSets) {
      const value = unknownName(field.known, fitsOpenSet(field));
      const previous = byName.get(field.name);
      byName.set(field.name, {
        id: `receiver.unknown-${field.name}`,
        title: `a ${field.name} that is not among its known values (${field.known.join(', ')}) is accepted`,
        why: `${field.name} is an open set: the gateway adds values without a new major version, and a refused delivery is retried until its attempts run out`,
        spec: field.schemaPointer,
        expect: 'accept',
        deliveries: (context) => [
          ...(previous?.deliveries(context) ?? []),
          signedDelivery({
            label: `${webhook.name} with ${field.path.join('.')} "${value}"`,
            event: setAt(webhook.examples[0]!.value, field.path, value),
            secret: context.secret,
          }),
        ],
      });
    }
  }
  return [...byName.values()];
}

export function acceptedDeliveryCases(contract: Contract): ReceiverCase[] {
  const tolerance = contract.limits.webhookTimestampToleranceS;
  const recent = Math.min(60, Math.floor(tolerance / 2));
  return [
    {
      id: 'receiver.every-example',
      title: 'every example of every webhook in the contract, correctly signed, is accepted',
      why: 'these are the payloads the gateway sends; one refused is an event retried and then lost',
      spec: introductionSection('Webhooks'),
      expect: 'accept',
      deliveries: ({ contract: { webhooks }, secret }) =>
        webhooks.flatMap((webhook) =>
          webhook.examples.map((example) =>
            signedDelivery({ label: labelOf(webhook, example), event: example.value, secret }),
          ),
        ),
    },
    {
      id: 'receiver.unknown-event-type',
      title: 'an authentic delivery of an event type the contract does not have is accepted',
      why: 'new webhooks are added without a new major version; a receiver that refuses one makes the gateway retry it until its attempts run out',
      spec: introductionSection('Compatibility'),
      expect: 'accept',
      deliveries: ({ contract: { webhooks }, secret, base }) => {
        const type = unknownName(
          webhooks.map(({ name }) => name),
          undefined,
          'conformance.probe',
        );
        return [signedDelivery({ label: `type "${type}"`, event: { ...base.example.value, type }, secret })];
      },
    },
    ...openSetCases(contract),
    {
      id: 'receiver.extra-fields',
      title: 'a payload with members the receiver has never seen is accepted',
      why: 'new fields are added without a new major version; a receiver that validates payloads strictly refuses every event after that release',
      spec: introductionSection('Compatibility'),
      expect: 'accept',
      deliveries: ({ contract: { webhooks }, secret }) =>
        webhooks.map((webhook) =>
          signedDelivery({
            label: `${webhook.name} with extra members`,
            event: withExtraMembers(webhook.examples[0]!.value, unknownName(Object.keys(webhook.examples[0]!.value))),
            secret,
          }),
        ),
    },
    {
      id: 'receiver.duplicate-delivery',
      title: 'the same delivery twice (same webhook-id) is accepted both times',
      why: 'delivery is at least once: a redelivery of an event already handled must be acknowledged, or it is retried again',
      spec: headerSpec(contract, 'webhook-id'),
      expect: 'accept',
      deliveries: ({ secret, base }) => {
        const delivery = signedDelivery({
          label: labelOf(base.webhook, base.example),
          event: base.example.value,
          secret,
        });
        return [delivery, { ...delivery, label: `${delivery.label}, again` }];
      },
    },
    {
      id: 'receiver.raw-body',
      title: 'a body signed over its exact bytes is accepted in any valid JSON form',
      why: 'the signature covers the bytes sent; a receiver that verifies a body it parsed and wrote again refuses deliveries whose bytes differ from JSON.stringify',
      spec: headerSpec(contract, 'webhook-signature'),
      expect: 'accept',
      deliveries: ({ secret, base }) =>
        Object.entries(NON_CANONICAL_FORMS).map(([form, write]) =>
          signedDelivery({
            label: `${labelOf(base.webhook, base.example)} written with ${form}`,
            event: base.example.value,
            write,
            secret,
          }),
        ),
    },
    {
      id: 'receiver.secret-rotation',
      title: 'two signatures, one made with another secret, are accepted in either order',
      why: 'during a secret rotation the gateway signs with both secrets; one matching signature is enough',
      spec: headerSpec(contract, 'webhook-signature'),
      expect: 'accept',
      deliveries: ({ secret, base }) => {
        const other = otherSecret();
        return [
          signedDelivery({
            label: 'another secret’s signature first',
            event: base.example.value,
            secret: [other, secret],
          }),
          signedDelivery({
            label: 'another secret’s signature last',
            event: base.example.value,
            secret: [secret, other],
          }),
        ];
      },
    },
    {
      id: 'receiver.timestamp-recent',
      title: `a webhook-timestamp ${recent} s old (within the ${tolerance} s tolerance) is accepted`,
      why: 'attempts are signed when sent and clocks differ; a receiver stricter than the tolerance refuses authentic deliveries',
      spec: headerSpec(contract, 'webhook-timestamp'),
      expect: 'accept',
      deliveries: ({ secret, base }) => [
        signedDelivery({
          label: `signed ${recent} s ago`,
          event: base.example.value,
          secret,
          timestamp: nowSeconds() - recent,
        }),
      ],
    },
  ];
}
