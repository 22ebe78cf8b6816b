/** Waits `ms`, or less when `wake.resolve()` is called first (something was queued meanwhile). */
export const sleepOrWake = (ms: number, wake: { resolve?: () => void }) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    timer.unref();
    wake.resolve = () => {
      clearTimeout(timer);
      resolve();
    };
  });
