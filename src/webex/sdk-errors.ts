import { z } from 'zod';
import { type AttemptFailure, parseRetryAfter } from './retry.policy.js';

const sdkErrorSchema = z.object({
  statusCode: z.number().optional(),
  retryAfter: z.unknown().optional(),
  headers: z.record(z.string(), z.unknown()).optional(),
});

/** The SDK rejects with `statusCode` (0 when the network failed) and `retryAfter` as a string. */
export function classifySdkError(error: unknown, method: string): AttemptFailure {
  const parsed = sdkErrorSchema.safeParse(error);
  if (!parsed.success) return { kind: 'permanent' };
  const { statusCode, retryAfter, headers } = parsed.data;
  if (statusCode === 429) {
    return { kind: 'rateLimited', retryAfterMs: parseRetryAfter(retryAfter ?? headers?.['retry-after']) };
  }
  // A POST that failed with a 5xx may have created something (a webhook): only repeat safe methods.
  const idempotent = method !== 'POST';
  if (idempotent && (statusCode === undefined || statusCode === 0 || statusCode >= 500))
    return { kind: 'transient' };
  return { kind: 'permanent' };
}
