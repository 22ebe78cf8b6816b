import { createHash } from 'node:crypto';

/**
 * The marker an outbox message's card carries: a hash of its idempotency key, so it is the same
 * for every try of the message (by any instance) and tells nothing of the key (which may name a
 * person). 96 bits: no two messages share one.
 */
export function messageMarker(outboxId: string): string {
  return createHash('sha256').update(outboxId).digest('base64url').slice(0, 16);
}
