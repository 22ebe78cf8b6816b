import type { Logger } from '../log/logger.js';
import type { RecoverableEffects } from './recovery.js';

export interface EffectRunnerOptions {
  sources: readonly RecoverableEffects[];
  now: () => Date;
  logger: Logger;
  /** How old this instance's failed work must be before the periodic pass runs it again. */
  graceMs?: number;
  /**
   * How old this instance's other pending work must be before the pass runs it: work whose commit
   * answered with an error yet applied, which no caller is carrying out.
   */
  lostMs?: number;
  intervalMs?: number;
  /** Documents taken per kind and pass. */
  batchSize?: number;
}

/**
 * Recovers what a crash or a failure left pending, for every kind of document (see `recovery.ts`):
 * at start-up, the work of the instances presumed dead (its predecessor in the same place among
 * them, so a restarted instance resumes at once), then periodically, theirs and this instance's
 * own failed work once older than the grace.
 */
export function createEffectRunner(options: EffectRunnerOptions) {
  const graceMs = options.graceMs ?? 5_000;
  const lostMs = Math.max(graceMs, options.lostMs ?? 20_000);
  const intervalMs = options.intervalMs ?? 5_000;
  const batchSize = options.batchSize ?? 200;
  const log = options.logger.child({ component: 'effects' });
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> | undefined;

  /** Everything recoverable, or (periodically) only this instance's own work past its cut-offs. */
  async function pass(stale: boolean): Promise<number> {
    const now = options.now().getTime();
    const cutOffs = stale ? { failedBy: new Date(now - graceMs), lostBy: new Date(now - lostMs) } : {};
    let count = 0;
    const kinds: Record<string, number> = {};
    for (const source of options.sources) {
      const ran = await source.recover(cutOffs, batchSize);
      if (ran > 0) kinds[source.name] = ran;
      count += ran;
    }
    if (count > 0) log.info({ documents: count, kinds }, 'ran pending effects');
    return count;
  }

  /** One pass at a time: a slow pass is not overtaken by the next tick. */
  function exclusive(stale: boolean): Promise<number> {
    if (current !== undefined) return current;
    const running = pass(stale).finally(() => {
      current = undefined;
    });
    current = running;
    return running;
  }

  return {
    /** Runs everything pending, however recent; the number of documents done. */
    recoverAll: () => exclusive(false),
    /** Runs orphaned work, and this instance's own once past its cut-offs; the number of documents done. */
    recoverStale: () => exclusive(true),
    /** Recovers everything pending, then keeps passing every interval. */
    async start(): Promise<void> {
      await exclusive(false);
      timer = setInterval(() => {
        exclusive(true).catch((error: unknown) => log.error({ error }, 'effects pass failed'));
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
