/**
 * Documents this process is committing or running effects of now, with how many times: a
 * recovery pass leaves them alone. Held from before a commit, so that a pass whose read saw the
 * commit before its own caller did cannot send what the caller is about to send.
 */
export function createHolds() {
  const held = new Map<string, number>();
  let idleWaiters: Array<() => void> = [];
  return {
    hold(id: string): void {
      held.set(id, (held.get(id) ?? 0) + 1);
    },
    release(id: string): void {
      const left = (held.get(id) ?? 1) - 1;
      if (left > 0) held.set(id, left);
      else held.delete(id);
      if (held.size > 0) return;
      for (const wake of idleWaiters) wake();
      idleWaiters = [];
    },
    has: (id: string): boolean => held.has(id),
    /** Resolves once nothing is held. */
    idle: (): Promise<void> =>
      held.size === 0 ? Promise.resolve() : new Promise((resolve) => idleWaiters.push(resolve)),
  };
}
