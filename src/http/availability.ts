/**
 * A database availability check for every `/api` request that costs a round trip at most once a
 * second: a ping that answered is trusted for `freshMs`, and requests arriving while a ping is
 * under way share it. A failed ping is not trusted at all, so the next request asks again; a
 * stall is then noticed within `freshMs` plus the ping's own timeout.
 */
export function createAvailabilityCheck(ping: () => Promise<boolean>, freshMs = 1_000, now = Date.now) {
  let okUntil = 0;
  let inFlight: Promise<boolean> | undefined;
  return function isAvailable(): Promise<boolean> {
    if (now() < okUntil) return Promise.resolve(true);
    inFlight ??= ping()
      .then((ok) => {
        if (ok) okUntil = now() + freshMs;
        return ok;
      })
      .finally(() => {
        inFlight = undefined;
      });
    return inFlight;
  };
}
