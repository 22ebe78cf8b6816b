/**
 * `work`, or a rejection after `ms`. The driver's own time limit does not always hold: once one
 * operation timed out on a stalled server, the next ones wait for its monitor (seconds more), so
 * the webhook's answer has a bound of its own. `work` goes on: an event stored late is then a
 * duplicate when offered again, and processed once, by the run that stored it.
 */
export async function within<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`not stored within ${ms} ms`)), ms);
  });
  work.catch(() => undefined);
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}
