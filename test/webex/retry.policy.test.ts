import { describe, expect, it } from 'vitest';
import {
  type AttemptFailure,
  computeRetryDelay,
  parseRetryAfter,
  type RetryOptions,
  runWithRetry,
} from '../../src/webex/retry.policy.js';

const options: RetryOptions = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 300, maxRetryAfterMs: 5_000 };

describe('parseRetryAfter', () => {
  it.each([
    [2, 2_000],
    ['2', 2_000],
    [' 3 ', 3_000],
    ['0', 0],
    ['1.5', 1_500],
    ['soon', undefined],
    ['', undefined],
    [-1, undefined],
    [null, undefined],
    [undefined, undefined],
  ])('%j → %j ms', (value, expected) => {
    expect(parseRetryAfter(value)).toBe(expected);
  });

  it('reads an HTTP date relative to now', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:04 GMT', now)).toBe(4_000);
  });
});

describe('computeRetryDelay', () => {
  const rateLimited = (retryAfterMs: number | undefined): AttemptFailure => ({
    kind: 'rateLimited',
    retryAfterMs,
  });

  it('waits at least what Retry-After asks, and at most 10% more', () => {
    expect(computeRetryDelay(1, rateLimited(2_000), options, () => 0)).toBe(2_000);
    expect(computeRetryDelay(1, rateLimited(2_000), options, () => 0.999)).toBe(2_200);
  });

  it('gives up at once when Retry-After is beyond what is waited in-process', () => {
    expect(computeRetryDelay(1, rateLimited(6_000), options, () => 0.5)).toBeUndefined();
  });

  it('backs off exponentially with full jitter, capped', () => {
    expect(computeRetryDelay(1, { kind: 'transient' }, options, () => 1)).toBe(100);
    expect(computeRetryDelay(2, { kind: 'transient' }, options, () => 1)).toBe(200);
    expect(computeRetryDelay(3, { kind: 'transient' }, options, () => 1)).toBe(300);
    expect(computeRetryDelay(3, { kind: 'transient' }, options, () => 0.5)).toBe(150);
  });

  it('stops on permanent failures and when attempts are spent', () => {
    expect(computeRetryDelay(1, { kind: 'permanent' }, options, () => 0.5)).toBeUndefined();
    expect(computeRetryDelay(4, { kind: 'transient' }, options, () => 0.5)).toBeUndefined();
  });
});

describe('runWithRetry', () => {
  const fast: RetryOptions = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2, maxRetryAfterMs: 100 };

  it('returns the first success', async () => {
    let calls = 0;
    const result = await runWithRetry(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('flaky');
        return 'done';
      },
      { retry: fast, classify: () => ({ kind: 'transient' }), giveUp: () => new Error('gave up') },
    );
    expect({ result, calls }).toEqual({ result: 'done', calls: 3 });
  });

  it('gives up after maxAttempts with the caller’s error', async () => {
    let calls = 0;
    const run = runWithRetry(
      async () => {
        calls += 1;
        throw new Error('down');
      },
      {
        retry: fast,
        classify: () => ({ kind: 'transient' }),
        giveUp: ({ attempts }) => new Error(`gave up after ${attempts}`),
      },
    );
    await expect(run).rejects.toThrow('gave up after 3');
    expect(calls).toBe(3);
  });

  it('lets beforeRetry settle the call without another attempt', async () => {
    let calls = 0;
    const result = await runWithRetry(
      async () => {
        calls += 1;
        throw new Error('lost answer');
      },
      {
        retry: fast,
        classify: () => ({ kind: 'transient' }),
        giveUp: () => new Error('gave up'),
        beforeRetry: async () => ({ value: 'found it' }),
      },
    );
    expect({ result, calls }).toEqual({ result: 'found it', calls: 1 });
  });
});
