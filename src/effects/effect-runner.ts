import type { Logger } from '../log/logger.js';
import type { RecoverableEffects } from './document-effects.js';

export interface EffectRunnerOptions {
  sources: readonly RecoverableEffects[];
  now: () => Date;
  logger: Logger;
  /**
   * How old a pending effect must be before the periodic pass takes it: the process that just
   * committed it normally runs it within this time, and a double run, though harmless, is waste.
   */
  graceMs?: number;
  intervalMs?: number;
  /** Documents taken per kind and pass. */
  batchSize?: number;
}

/**
 * Recovers what a crash or a failure left pending, for every kind of document: everything at
 * start-up (a restarted instance resumes at once, with no lease to wait out), then, periodically,
 * effects older than the grace (retrying those whose run failed).
 */
export function createEffectRunner(options: EffectRunnerOptions) {
  const graceMs = options.graceMs ?? 5_000;
  const intervalMs = options.intervalMs ?? 5_000;
  const batchSize = options.batchSize ?? 200;
  const log = options.logger.child({ component: 'effects' });
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> | undefined;

  async function pass(committedBy: Date | undefined): Promise<number> {
    let count = 0;
    for (const source of options.sources) count += await source.recover(committedBy, batchSize);
    if (count > 0) log.info({ documents: count }, 'ran pending effects');
    return count;
  }

  /** One pass at a time: a slow pass is not overtaken by the next tick. */
  function exclusive(committedBy: Date | undefined): Promise<number> {
    if (current !== undefined) return current;
    const running = pass(committedBy).finally(() => {
      current = undefined;
    });
    current = running;
    return running;
  }

  return {
    /** Runs everything pending, however recent; the number of documents done. */
    recoverAll: () => exclusive(undefined),
    /** Runs effects committed more than the grace ago; the number of documents done. */
    recoverStale: () => exclusive(new Date(options.now().getTime() - graceMs)),
    /** Recovers everything pending, then keeps passing every interval. */
    async start(): Promise<void> {
      await exclusive(undefined);
      timer = setInterval(() => {
        exclusive(new Date(options.now().getTime() - graceMs)).catch((error: unknown) =>
          log.error({ error }, 'effects pass failed'),
        );
      }, intervalMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      clearInterval(timer);
      timer = undefined;
      await current?.catch(() => undefined);
    },
  };
}

export type EffectRunner = ReturnType<typeof createEffectRunner>;
