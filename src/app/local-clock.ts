/**
 * Local mode's clock: the real time plus an offset a person moves forward (from the page or
 * `POST /local/clock`), so that reminders and deadlines days away can be watched in a minute.
 * It only ever moves forward; every part of the app reads it as its `now`.
 */
export interface LocalClock {
  now(): Date;
  /** How far ahead of the underlying clock it runs. */
  offsetMs(): number;
  /** Moves the clock forward by `ms` (positive). */
  advance(ms: number): void;
}

export function createLocalClock(base: () => Date = () => new Date()): LocalClock {
  let offset = 0;
  return {
    now: () => new Date(base().getTime() + offset),
    offsetMs: () => offset,
    advance(ms) {
      if (!(Number.isFinite(ms) && ms > 0))
        throw new RangeError(`the clock only moves forward (got ${ms} ms)`);
      offset += ms;
    },
  };
}
