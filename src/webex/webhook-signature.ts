import { createHmac, timingSafeEqual } from 'node:crypto';

/** Why a webhook's signature was refused; logged, never echoed to the caller. */
export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'malformed' | 'mismatch' };

/** Hex HMAC-SHA1 of the exact bytes, keyed with the webhook secret, as Webex computes it. */
export function signWebhookBody(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha1', secret).update(rawBody).digest('hex');
}

/**
 * Checks `X-Spark-Signature` against the raw body. The framework's own check hashes
 * `JSON.stringify(req.body)`, which differs from the bytes Webex signed whenever the sender's JSON
 * spacing or key order differs, and it compares with `!==`; this compares in constant time.
 */
export function verifyWebhookSignature(
  rawBody: Buffer,
  header: string | undefined,
  secret: string,
): SignatureCheck {
  if (header === undefined || header.trim() === '') return { ok: false, reason: 'missing' };
  const given = header.trim().toLowerCase();
  if (!/^[0-9a-f]{40}$/.test(given)) return { ok: false, reason: 'malformed' };
  const expected = Buffer.from(signWebhookBody(rawBody, secret), 'hex');
  return timingSafeEqual(expected, Buffer.from(given, 'hex'))
    ? { ok: true }
    : { ok: false, reason: 'mismatch' };
}
