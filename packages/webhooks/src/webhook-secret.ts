// A `whsec_…` secret as the `standardwebhooks` signer it keys. Checked once, up front: an empty
// or malformed secret would otherwise be found only when a delivery fails (as a 500, every
// time). The messages never repeat the secret, since they can end up in a log.
import { Webhook } from 'standardwebhooks';

// `whsec_` then standard, padded base64 (as the spec's webhook-signature says, and as other
// Standard Webhooks verifiers decode it): whole groups of four, so no character is ignored.
const WHSEC = /^whsec_(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

// Senders and receivers use the same few secrets on every delivery: keep their decoded keys.
const signers = new Map<string, Webhook>();

/** The signer for one secret; throws a TypeError (naming `caller`) when it is not a `whsec_` secret. */
function signerFor(secret: string, caller: string): Webhook {
  let signer = signers.get(secret);
  if (signer !== undefined) return signer;
  if (typeof secret !== 'string' || !WHSEC.test(secret)) {
    throw new TypeError(`${caller}: a secret must be whsec_ followed by padded base64, as the gateway shows it`);
  }
  try {
    signer = new Webhook(secret);
  } catch {
    // Base64 with a bad length or padding, or a key of no bytes at all.
    throw new TypeError(`${caller}: a secret must be whsec_ followed by base64 of at least one byte`);
  }
  if (signers.size >= 16) signers.clear();
  signers.set(secret, signer);
  return signer;
}

/** The signers for a secret or a rotation list of them; throws a TypeError for an empty list or a bad secret. */
export function signersFor(secret: string | readonly string[], caller: string): Webhook[] {
  const secrets = typeof secret === 'string' ? [secret] : secret;
  if (!Array.isArray(secrets) || secrets.length === 0) {
    throw new TypeError(`${caller}: at least one whsec_ secret is required`);
  }
  return secrets.map((each) => signerFor(each, caller));
}
