/**
 * Gathers writes asked for at about the same moment into one: the first call schedules a flush
 * for the next turn of the event loop, and calls made before it runs, or while it runs, join the
 * next one (as a database's group commit does). Each caller gets its own item's answer; when a
 * flush fails, every caller of that flush gets its error, to try again or not as it would alone.
 */
export function createWriteBatcher<I, O>(
  flush: (items: readonly I[]) => Promise<readonly O[]>,
  maxBatch = 500,
): (item: I) => Promise<O> {
  let waiting: Array<{ item: I; resolve: (out: O) => void; reject: (error: unknown) => void }> = [];
  let active = false;

  async function run(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting.slice(0, maxBatch);
      waiting = waiting.slice(batch.length);
      try {
        const answers = await flush(batch.map((entry) => entry.item));
        batch.forEach((entry, index) => {
          const answer = answers[index];
          if (answer === undefined) entry.reject(new Error('a batched write gave no answer for an item'));
          else entry.resolve(answer);
        });
      } catch (error) {
        for (const entry of batch) entry.reject(error);
      }
    }
    active = false;
  }

  return (item) =>
    new Promise<O>((resolve, reject) => {
      waiting.push({ item, resolve, reject });
      if (active) return;
      active = true;
      setImmediate(() => void run());
    });
}
