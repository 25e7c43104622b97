// The deliveries a receiver that keeps the contract refuses (any status but 2xx, and not a
// redirect): a timestamp outside the tolerance either way, a body changed after signing, the
// wrong secret, a header missing, a signature malformed or of another scheme, and an empty body.
import type { Contract } from '../contract.js';
import { introductionSection } from '../spec-ref.js';
import {
  freshWebhookId,
  nowSeconds,
  otherSecret,
  signatureHeaders,
  signedDelivery,
  type Delivery,
} from './delivery.js';
import { headerSpec, labelOf, type ReceiverCase, type ReceiverContext } from './receiver-case.js';

/** The base event, correctly signed, for a case to spoil. */
const baseDelivery = ({ secret, base }: ReceiverContext, timestamp?: number): Delivery =>
  signedDelivery({ label: labelOf(base.webhook, base.example), event: base.example.value, secret, timestamp });

/** The base delivery with its webhook-signature replaced. */
function withSignature(context: ReceiverContext, label: string, signature: (valid: string) => string): Delivery {
  const delivery = baseDelivery(context);
  const valid = delivery.headers['webhook-signature']!;
  return { label, body: delivery.body, headers: { ...delivery.headers, 'webhook-signature': signature(valid) } };
}

function timestampCase(contract: Contract, direction: 'old' | 'new'): ReceiverCase {
  const tolerance = contract.limits.webhookTimestampToleranceS;
  // Twice the tolerance: far enough out that no clock difference makes the case ambiguous.
  const offset = 2 * tolerance;
  return {
    id: `receiver.timestamp-too-${direction}`,
    title: `a webhook-timestamp ${offset} s ${direction === 'old' ? 'in the past' : 'in the future'} (tolerance ${tolerance} s) is refused`,
    why:
      direction === 'old'
        ? 'without the check, a delivery captured once can be replayed to the receiver for ever'
        : 'a receiver that checks only the age of a timestamp accepts a delivery signed for the future, which stays replayable for as long',
    spec: headerSpec(contract, 'webhook-timestamp'),
    expect: 'refuse',
    deliveries: (context) => {
      const timestamp = nowSeconds() + (direction === 'old' ? -offset : offset);
      return [
        {
          ...baseDelivery(context, timestamp),
          label: `signed for ${offset} s ${direction === 'old' ? 'ago' : 'ahead'}`,
        },
      ];
    },
  };
}

export function refusedDeliveryCases(contract: Contract): ReceiverCase[] {
  const signatureSpec = headerSpec(contract, 'webhook-signature');
  return [
    timestampCase(contract, 'old'),
    timestampCase(contract, 'new'),
    {
      id: 'receiver.tampered-body',
      title: 'a body changed after it was signed is refused',
      why: 'the signature is what tells a delivery from the gateway from a forgery; a receiver that does not check it over the body acts on anything',
      spec: signatureSpec,
      expect: 'refuse',
      deliveries: (context) => {
        const delivery = baseDelivery(context);
        const event = JSON.parse(delivery.body) as { timestamp: string };
        const tampered = JSON.stringify({
          ...event,
          timestamp: new Date(Date.parse(event.timestamp) + 1000).toISOString(),
        });
        return [{ ...delivery, label: 'the signed body with its timestamp moved by 1 s', body: tampered }];
      },
    },
    {
      id: 'receiver.wrong-secret',
      title: 'a delivery signed with another secret is refused',
      why: 'anyone can sign with a secret of their own; only the receiver’s secret proves the gateway sent it',
      spec: signatureSpec,
      expect: 'refuse',
      deliveries: ({ base }) => [
        signedDelivery({ label: 'signed with another secret', event: base.example.value, secret: otherSecret() }),
      ],
    },
    {
      id: 'receiver.missing-headers',
      title: 'a delivery without one of the signature headers is refused, for each of them',
      why: 'without all three headers there is nothing to verify; a receiver that treats such a request as a ping acts on unsigned payloads',
      spec: introductionSection('Webhooks'),
      expect: 'refuse',
      deliveries: (context) =>
        context.base.webhook.headers
          .filter(({ required }) => required)
          .map(({ name }) => {
            const { body, headers } = baseDelivery(context);
            const { [name]: _omitted, ...rest } = headers;
            return { label: `no ${name}`, body, headers: rest };
          }),
    },
    {
      id: 'receiver.malformed-signature',
      title: 'a webhook-signature without its version prefix is refused',
      why: 'a signature is `v1,` and base64; a receiver that takes whatever follows a comma, or a bare value, accepts signatures of schemes it does not check',
      spec: signatureSpec,
      expect: 'refuse',
      deliveries: (context) => [
        withSignature(context, 'the valid HMAC without "v1,"', (valid) => valid.slice(valid.indexOf(',') + 1)),
      ],
    },
    {
      id: 'receiver.v1a-signature-only',
      title: 'a webhook-signature holding only a `v1a` (asymmetric) signature is refused',
      why: 'v1a is Standard Webhooks’ public-key scheme, which an HMAC secret cannot verify; a receiver that ignores the version accepts it',
      spec: signatureSpec,
      expect: 'refuse',
      deliveries: (context) => [
        withSignature(context, '"v1a," and the valid HMAC', (valid) => `v1a,${valid.slice(valid.indexOf(',') + 1)}`),
      ],
    },
    {
      id: 'receiver.empty-body',
      title: 'an empty body, even correctly signed, is refused',
      why: 'a delivery is a JSON event; a receiver that acknowledges an empty body has skipped reading the payload it signs',
      spec: introductionSection('Webhooks'),
      expect: 'refuse',
      deliveries: ({ secret }) => {
        const id = freshWebhookId();
        return [
          {
            label: 'an empty body signed over its zero bytes',
            body: '',
            headers: { ...signatureHeaders(id, '', secret) },
          },
        ];
      },
    },
  ];
}
