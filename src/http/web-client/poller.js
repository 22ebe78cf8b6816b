// @ts-check

/**
 * @typedef {{ state: 'connected' } | { state: 'retrying', inMs: number, error: string }} PollStatus
 */

/**
 * Runs `task` every `intervalMs`; after a failure (the bot restarting, the network gone) waits
 * twice as long each time, up to `maxMs`, and goes back to the normal pace on the first success.
 * @param {{ task: () => Promise<void>, intervalMs: number, maxMs: number, onStatus: (status: PollStatus) => void }} options
 * @returns {{ stop: () => void, now: () => void }} `now` runs the task at once (after a click)
 */
export function startPolling({ task, intervalMs, maxMs, onStatus }) {
  let stopped = false;
  let delay = intervalMs;
  /** @type {ReturnType<typeof setTimeout> | undefined} */
  let timer;
  let running = false;
  let again = false;

  async function tick() {
    timer = undefined;
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      await task();
      delay = intervalMs;
      onStatus({ state: 'connected' });
    } catch (error) {
      delay = Math.min(delay * 2, maxMs);
      onStatus({
        state: 'retrying',
        inMs: delay,
        error: error instanceof Error ? error.message : String(error),
      });
    } finally {
      running = false;
    }
    if (stopped) return;
    if (again) {
      again = false;
      schedule(0);
    } else schedule(delay);
  }

  /** @param {number} ms */
  function schedule(ms) {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => void tick(), ms);
  }

  schedule(0);
  return {
    stop() {
      stopped = true;
      if (timer !== undefined) clearTimeout(timer);
    },
    now() {
      if (!stopped) schedule(0);
    },
  };
}
