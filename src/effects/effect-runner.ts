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
  /**
   * How old another instance's pending effect must be before the pass takes it over: until then
   * its owner may still be carrying it out (a send that waits on Webex), and a second run could
   * send the same message twice. A crash is recovered at once by the restart; this bounds the
   * takeover when the owner died for good.
   */
  takeOverMs?: number;
  intervalMs?: number;
  /** Documents taken per kind and pass. */
  batchSize?: number;
}

/**
 * Recovers what a crash or a failure left pending, for every kind of document: everything at
 * start-up (a restarted instance resumes at once, with no lease to wait out), then, periodically,
 * effects whose run failed here once older than the grace, and any other (an instance that died
 * for good) once older than the takeover.
 */
export function createEffectRunner(options: EffectRunnerOptions) {
  const graceMs = options.graceMs ?? 5_000;
  const takeOverMs = Math.max(graceMs, options.takeOverMs ?? 20_000);
  const intervalMs = options.intervalMs ?? 5_000;
  const batchSize = options.batchSize ?? 200;
  const log = options.logger.child({ component: 'effects' });
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> | undefined;

  /** Everything pending, or (periodically) what is older than the grace and the takeover. */
  async function pass(stale: boolean): Promise<number> {
    const now = options.now().getTime();
    const committedBy = stale ? new Date(now - graceMs) : undefined;
    const takeOverBy = stale ? new Date(now - takeOverMs) : undefined;
    let count = 0;
    for (const source of options.sources) count += await source.recover(committedBy, batchSize, takeOverBy);
    if (count > 0) log.info({ documents: count }, 'ran pending effects');
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
    /** Runs effects older than the grace (failed here) or the takeover (any other); the number of documents done. */
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
