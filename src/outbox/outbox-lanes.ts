/**
 * Work queued by lane (a recipient): each lane runs its tasks one after another, in the order they
 * were queued, and at most `concurrency` tasks hold a slot at once across lanes. A task takes a
 * slot only for its send (`withSlot`), not while it waits to try again: one recipient's backoff
 * does not hold up the others.
 */
export function createLanes(concurrency: number) {
  const lanes = new Map<string, Promise<unknown>>();
  let free = concurrency;
  const waiting: Array<() => void> = [];

  async function withSlot<T>(work: () => Promise<T>): Promise<T> {
    if (free > 0) free -= 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      return await work();
    } finally {
      const next = waiting.shift();
      if (next !== undefined) next();
      else free += 1;
    }
  }

  return {
    withSlot,
    /** Queues a task behind the lane's earlier ones; its own result. */
    queue<T>(lane: string, task: () => Promise<T>): Promise<T> {
      const previous = lanes.get(lane) ?? Promise.resolve();
      const next = previous.then(task, task);
      const settled = next.then(
        () => undefined,
        () => undefined,
      );
      lanes.set(lane, settled);
      void settled.then(() => {
        if (lanes.get(lane) === settled) lanes.delete(lane);
      });
      return next;
    },
    /** Every task queued so far, settled. */
    async idle(): Promise<void> {
      while (lanes.size > 0) await Promise.all(lanes.values());
    },
  };
}
