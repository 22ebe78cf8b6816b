import type { Logger } from '../log/logger.js';

/** What was started, so it can be stopped in reverse: intake first, the database last. */
export interface Lifecycle {
  onStop(stop: () => Promise<void>): void;
  /** Stops everything registered, newest first; a failure is logged and the rest still stop. */
  stopAll(): Promise<void>;
}

/** An empty lifecycle. */
export function createLifecycle(logger: Logger): Lifecycle {
  const stoppers: Array<() => Promise<void>> = [];
  return {
    onStop(stop) {
      stoppers.push(stop);
    },
    async stopAll() {
      for (const stop of stoppers.splice(0).reverse())
        await stop().catch((error) => logger.error({ error }, 'stop failed'));
    },
  };
}
