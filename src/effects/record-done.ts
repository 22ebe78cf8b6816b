import type { Logger } from '../log/logger.js';
import type { EffectDocument, EffectStore } from './effects.port.js';

/** Tries to record work done again after 0.5 s, 1 s, 2 s and 4 s: a stall, not an outage. */
const RETRIES = 4;

/**
 * Removes effects carried out (with what they came to), trying again for a while when the
 * database cannot take it now, while the document is still held: a message that went out and
 * whose record failed would otherwise be run again, and a room or an outside URL cannot be asked
 * whether it already has it. Throws the last error when it never can (the work stays pending).
 */
/**
 * Makes a report of work recorded done (a delivery told to the scheduler), trying again like
 * `recordDone`: the work is no longer pending, so a report that failed for good is lost (logged).
 */
export async function reportDone(report: () => Promise<void>, id: string, logger: Logger): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await report();
      return;
    } catch (error) {
      if (attempt >= RETRIES) {
        logger.error({ err: error, id }, 'work done, but its report failed for good');
        throw error;
      }
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
  }
}

export async function recordDone<Doc extends EffectDocument, Change>(
  store: EffectStore<Doc, Change>,
  id: string,
  effectIds: readonly string[],
  record: Record<string, unknown> | undefined,
  logger: Logger,
): Promise<void> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      await store.markDone(id, effectIds, record);
      return;
    } catch (error) {
      if (attempt >= RETRIES) throw error;
      logger.warn({ err: error, id, attempt }, 'cannot record work done yet; trying again');
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
  }
}
