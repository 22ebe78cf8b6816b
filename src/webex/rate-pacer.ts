import { setTimeout as delay } from 'node:timers/promises';

/**
 * Paces the calls of one token so that a rate limit is met rather than hit. Webex publishes no
 * limits and answers 429 with a `Retry-After` in whole seconds; retrying each call on its own then
 * wastes most of a window per 429 (measured: about 74% of the allowed rate). So every 429 pauses
 * all callers until the time Webex named, and teaches the pacer a rate a little under what got
 * through in the last second; quiet periods let it probe upwards again.
 */
export interface RatePacer {
  /** Resolves when the next call may go. */
  acquire(): Promise<void>;
  /** A call was answered 429; `retryAfterMs` as Webex asked, if it said. */
  rateLimited(retryAfterMs: number | undefined): void;
  /** Calls per second now enforced, or undefined while no limit was seen. */
  currentRate(): number | undefined;
}

export interface RatePacerOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /**
   * Also pace calls evenly at a rate learned from 429s. Off by default: measured against a fixed
   * window, even pacing meets clock jitter at window edges and each 429 then costs a whole pause,
   * while the shared pause alone keeps ~90% of the allowed rate.
   */
  learnRate?: boolean;
  /** Fraction of the observed rate to keep to after a 429 (with `learnRate`). */
  backoff?: number;
  /** After this long without a 429, the rate grows by `probeGrowth`. */
  probeAfterMs?: number;
  probeGrowth?: number;
}

const WINDOW_MS = 1_000;

export function createRatePacer(options: RatePacerOptions = {}): RatePacer {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => delay(ms));
  const learnRate = options.learnRate ?? false;
  const backoff = options.backoff ?? 0.95;
  const probeAfterMs = options.probeAfterMs ?? 10_000;
  const probeGrowth = options.probeGrowth ?? 1.1;
  let pausedUntil = 0;
  let rate: number | undefined;
  let nextSlot = 0;
  let lastLimitAt = 0;
  let lastProbeAt = 0;
  const recent: number[] = [];

  const record = (at: number) => {
    recent.push(at);
    while (recent.length > 0 && (recent[0] ?? at) <= at - WINDOW_MS) recent.shift();
  };

  const probe = (at: number) => {
    if (rate === undefined) return;
    const since = Math.max(lastLimitAt, lastProbeAt);
    if (at - since >= probeAfterMs) {
      rate *= probeGrowth;
      lastProbeAt = at;
    }
  };

  return {
    async acquire() {
      for (;;) {
        const at = now();
        if (at < pausedUntil) {
          await sleep(pausedUntil - at);
          continue;
        }
        probe(at);
        if (rate === undefined) {
          record(at);
          return;
        }
        const slot = Math.max(at, nextSlot);
        nextSlot = slot + 1_000 / rate;
        if (slot > at) await sleep(slot - at);
        // A 429 may have paused everyone while this caller waited for its slot.
        if (now() < pausedUntil) continue;
        record(now());
        return;
      }
    },
    rateLimited(retryAfterMs) {
      const at = now();
      lastLimitAt = at;
      if (learnRate) {
        // The refused call is among the recent ones (recorded when it acquired): the rest got through.
        const gotThrough = recent.filter((t) => t > at - WINDOW_MS).length - 1;
        const learned = Math.max(0.5, gotThrough * backoff);
        rate = rate === undefined ? learned : Math.min(rate, learned);
      }
      pausedUntil = Math.max(pausedUntil, at + (retryAfterMs ?? WINDOW_MS));
      nextSlot = Math.max(nextSlot, pausedUntil);
    },
    currentRate: () => rate,
  };
}
