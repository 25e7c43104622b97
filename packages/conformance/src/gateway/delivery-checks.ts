// The rules one webhook delivery attempt is held to, each on its own so a case fails for one
// reason: it verifies (a `v1` signature over the raw body, with the secret), its headers and
// body are valid against the webhook's definition, the body's `id` is the `webhook-id`, and its
// `webhook-timestamp` is within the tolerance of the checker's clock.
import { createWebhookDeliveryChecker } from '@call-control/spec/validator';
import type { Contract } from '../contract.js';
import { signatureHeaders } from '../receiver/delivery.js';
import type { DeliveryAttempt } from './webhook-listener.js';

export interface DeliveryChecks {
  signature(attempt: DeliveryAttempt): string | undefined;
  schema(attempt: DeliveryAttempt): string | undefined;
  id(attempt: DeliveryAttempt): string | undefined;
  timestamp(attempt: DeliveryAttempt): string | undefined;
}

/** The attempt's timestamp in Unix seconds, if it is one. */
export const timestampOf = (attempt: DeliveryAttempt): number | undefined =>
  /^\d{1,15}$/.test(attempt.headers['webhook-timestamp'] ?? '')
    ? Number(attempt.headers['webhook-timestamp'])
    : undefined;

export function deliveryChecks(contract: Contract, secret: string): DeliveryChecks {
  const checkDelivery = createWebhookDeliveryChecker(contract.spec);
  const tolerance = contract.limits.webhookTimestampToleranceS;
  return {
    signature(attempt) {
      const id = attempt.headers['webhook-id'];
      const timestamp = timestampOf(attempt);
      const header = attempt.headers['webhook-signature'];
      if (id === undefined || timestamp === undefined || header === undefined)
        return 'no webhook-id, webhook-timestamp (Unix seconds) and webhook-signature to verify';
      const expected = signatureHeaders(id, attempt.body, secret, timestamp)['webhook-signature'];
      return header.split(/\s+/).includes(expected)
        ? undefined
        : `no signature in "${header.slice(0, 60)}" is the HMAC of the raw body with the secret`;
    },
    schema(attempt) {
      const violations = checkDelivery(attempt.headers, attempt.body);
      return violations.length === 0 ? undefined : violations.slice(0, 3).join('; ');
    },
    id(attempt) {
      const id = attempt.event?.id;
      return id === attempt.headers['webhook-id']
        ? undefined
        : `body id ${JSON.stringify(id)} but webhook-id ${JSON.stringify(attempt.headers['webhook-id'])}`;
    },
    timestamp(attempt) {
      const timestamp = timestampOf(attempt);
      if (timestamp === undefined)
        return `webhook-timestamp ${JSON.stringify(attempt.headers['webhook-timestamp'])} is not Unix seconds`;
      const skew = Math.round(attempt.wallClock / 1000 - timestamp);
      return Math.abs(skew) <= tolerance
        ? undefined
        : `webhook-timestamp is ${Math.abs(skew)} s ${skew > 0 ? 'old' : 'ahead'} (tolerance ${tolerance} s)`;
    },
  };
}
