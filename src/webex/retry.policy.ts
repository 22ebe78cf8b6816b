import { setTimeout as delay } from 'node:timers/promises';

/** How hard to try a Webex call before giving up. */
export interface RetryOptions {
  /** Total tries, the first one included. */
  maxAttempts: number;
  /** First backoff for 5xx and network errors; doubles each attempt, with full jitter. */
  baseDelayMs: number;
  /** Ceiling of one backoff for 5xx and network errors. */
  maxDelayMs: number;
  /**
   * Longest `Retry-After` we wait out in-process. Webex can ask for minutes; past this, the call
   * fails as retryable so that a persistent queue (the outbox) can come back later instead.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_OPTIONS: RetryOptions = {
  maxAttempts: 5,
  baseDelayMs: 250,
  maxDelayMs: 8_000,
  maxRetryAfterMs: 60_000,
};

/** Why one attempt failed, as far as retrying is concerned. */
export type AttemptFailure =
  | { kind: 'rateLimited'; retryAfterMs: number | undefined }
  | { kind: 'transient' }
  | { kind: 'permanent' };

/** What a retry loop reports when it gives up. */
export interface RetryExhausted {
  failure: AttemptFailure;
  attempts: number;
  error: unknown;
}

/**
 * `Retry-After` as Webex and the SDK send it: seconds as a number or a string (the SDK passes the
 * header through untouched), or an HTTP date. Anything else is treated as absent.
 */
export function parseRetryAfter(value: unknown, now: number = Date.now()): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value * 1000 : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
  const date = Date.parse(text);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * The wait before attempt `attempt + 1` (`attempt` counts from 1), or `undefined` to stop: a 429
 * waits what the server asked plus up to 10% (never less, or the retry is rejected again); other
 * retryable failures back off exponentially with full jitter so that many callers spread out.
 */
export function computeRetryDelay(
  attempt: number,
  failure: AttemptFailure,
  options: RetryOptions,
  random: () => number = Math.random,
): number | undefined {
  if (failure.kind === 'permanent' || attempt >= options.maxAttempts) return undefined;
  if (failure.kind === 'rateLimited') {
    const asked = failure.retryAfterMs ?? options.baseDelayMs * 2 ** (attempt - 1);
    if (asked > options.maxRetryAfterMs) return undefined;
    return Math.round(asked * (1 + 0.1 * random()));
  }
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(ceiling * random());
}

/**
 * Runs `attempt` until it succeeds, a failure is permanent, or the budget is spent; then rejects
 * with `giveUp(...)`. `beforeRetry` may end the loop early with a result (used to find a message
 * that a failed POST created after all).
 */
export async function runWithRetry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: {
    retry: RetryOptions;
    classify: (error: unknown) => AttemptFailure;
    giveUp: (exhausted: RetryExhausted) => Error;
    beforeRetry?: (failure: AttemptFailure) => Promise<{ value: T } | undefined>;
    onRetry?: (info: { attempt: number; failure: AttemptFailure; delayMs: number }) => void;
    random?: () => number;
  },
): Promise<T> {
  for (let attemptNumber = 1; ; attemptNumber += 1) {
    try {
      return await attempt(attemptNumber);
    } catch (error) {
      const failure = options.classify(error);
      const delayMs = computeRetryDelay(attemptNumber, failure, options.retry, options.random);
      if (delayMs === undefined) throw options.giveUp({ failure, attempts: attemptNumber, error });
      options.onRetry?.({ attempt: attemptNumber, failure, delayMs });
      await delay(delayMs);
      const settled = await options.beforeRetry?.(failure);
      if (settled !== undefined) return settled.value;
    }
  }
}
