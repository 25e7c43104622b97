// The one error verifyWebhook throws: `reason` says which check failed, so a receiver can
// answer 401 to a signature failure and 400 to a bad payload.

/** Failures of authenticity: the delivery cannot be trusted. */
export type SignatureFailureReason =
  | 'missing_header'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'invalid_signature';
/** Failures of content: the delivery is authentic but its payload is not one we know. */
export type PayloadFailureReason = 'malformed_json' | 'unknown_event_type' | 'id_mismatch' | 'schema_violation';
export type WebhookVerificationReason = SignatureFailureReason | PayloadFailureReason;

export interface PayloadViolation {
  /** JSON Pointer into the payload (`/data/hangup_cause`); `""` is the payload itself. */
  pointer: string;
  detail: string;
}

const SIGNATURE_FAILURES: readonly WebhookVerificationReason[] = [
  'missing_header',
  'invalid_timestamp',
  'timestamp_too_old',
  'timestamp_too_new',
  'invalid_signature',
];

export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
  readonly reason: WebhookVerificationReason;
  /** For `missing_header` and `invalid_timestamp`: the header at fault. */
  readonly header?: string;
  /** For `schema_violation` and `id_mismatch`: where in the payload, first violation first. */
  readonly pointer?: string;
  /** For `schema_violation`: every violation. */
  readonly violations: readonly PayloadViolation[];

  constructor(
    reason: WebhookVerificationReason,
    message: string,
    details: { header?: string; violations?: readonly PayloadViolation[] } = {},
  ) {
    super(message);
    this.reason = reason;
    this.violations = details.violations ?? [];
    if (details.header !== undefined) this.header = details.header;
    if (this.violations[0] !== undefined) this.pointer = this.violations[0].pointer;
  }

  /** True when the delivery's authenticity failed (answer 401), false for a bad payload (400). */
  get isSignatureFailure(): boolean {
    return SIGNATURE_FAILURES.includes(this.reason);
  }
}
