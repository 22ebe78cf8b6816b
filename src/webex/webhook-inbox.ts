import { z } from 'zod';
import { createDocumentEffects, type RecoverableEffects } from '../effects/document-effects.js';
import type { EffectStore } from '../effects/effects.port.js';
import type { Owners } from '../effects/instances.js';
import type { Logger } from '../log/logger.js';
import type { InboxDocument } from '../storage/inbox.repository.js';

/** The inbox's one effect: process this event (its body, as received). */
const processEffectSchema = z.object({
  kind: z.literal('process'),
  body: z.string(),
  receivedAt: z.iso.datetime(),
});
type ProcessEffect = z.infer<typeof processEffectSchema>;

export interface InboxOptions {
  store: EffectStore<InboxDocument, never>;
  /** This instance: an event it stores is its own to process (see `effects/instances.ts`). */
  owners: Owners;
  /**
   * Processes one stored event (its body as received). Rejects when it could not be processed now
   * (the database is unreachable): the event then stays pending and is processed again later.
   */
  process: (body: string, receivedAt: Date) => Promise<void>;
  now: () => Date;
  logger: Logger;
  /**
   * Failed tries are counted here; after `maxAttempts` of them the event is given up (logged with
   * its id, marked failed, no longer retried), so an event that can never be processed (its
   * message was deleted) is not retried every pass until it expires.
   */
  attempts?: InboxAttempts;
  /** Tries before giving up; 20 by default (a few minutes of the runner's passes). */
  maxAttempts?: number;
}

/** Where failed tries of an event are counted (see `createInboxRepository`). */
export interface InboxAttempts {
  /** Counts one more failed try and returns the count after it. */
  recordFailure(id: string): Promise<number>;
  giveUp(id: string, at: Date): Promise<void>;
}

export const DEFAULT_INBOX_MAX_ATTEMPTS = 20;

export interface Inbox extends RecoverableEffects {
  /**
   * Stores an event before it is acknowledged and starts processing it; `duplicate` (nothing
   * done) when its id was stored before. Throws when the database cannot take it.
   */
  receive(id: string, body: string, receivedAt: Date): Promise<'stored' | 'duplicate'>;
}

/**
 * The inbox: one more kind of document of the effects mechanism, with one pending effect,
 * "process this event". Storing is the commit (the unique id makes a redelivery a duplicate, in
 * every instance and after a restart); processing is the effect, run at once by the process that
 * stored it, and by the effect runner for whatever a crash or an outage left pending. What
 * processing commits is keyed by the event, so processing one twice changes nothing.
 */
export function createInbox(options: InboxOptions): Inbox {
  const log = options.logger.child({ component: 'inbox' });
  // A runner's pass may find an event this process is still processing: it waits for that run.
  const inFlight = new Map<string, Promise<void>>();
  const maxAttempts = options.maxAttempts ?? DEFAULT_INBOX_MAX_ATTEMPTS;

  /**
   * Counts a failed try. Rethrows (the event stays pending) until the last allowed try, after
   * which it resolves: the effect is then removed as done, and the event marked failed. When the
   * count cannot be written (the database is down), the try is not counted and the event stays.
   */
  async function failed(id: string, error: unknown): Promise<void> {
    const { attempts } = options;
    if (attempts === undefined) throw error;
    const count = await attempts.recordFailure(id).catch(() => undefined);
    if (count === undefined || count < maxAttempts) throw error;
    await attempts.giveUp(id, options.now());
    log.error({ id, attempts: count, err: error }, 'event given up after too many failed tries');
  }

  const effects = createDocumentEffects<InboxDocument, never, ProcessEffect>({
    name: 'inbox',
    store: options.store,
    owners: options.owners,
    now: options.now,
    logger: log,
    handler: {
      parse(json) {
        try {
          const parsed = processEffectSchema.safeParse(JSON.parse(json));
          return parsed.success ? parsed.data : undefined;
        } catch {
          return undefined;
        }
      },
      run(id, effect) {
        const running = inFlight.get(id);
        if (running !== undefined) return running;
        const run = options
          .process(effect.body, new Date(effect.receivedAt))
          .catch((error: unknown) => failed(id, error))
          .finally(() => {
            inFlight.delete(id);
          });
        inFlight.set(id, run);
        return run;
      },
    },
  });

  return {
    name: effects.name,
    recover: effects.recover,
    async receive(id, body, at) {
      const doc = await effects.commit({ kind: 'create', doc: { _id: id, receivedAt: at } }, [
        { kind: 'process', body, receivedAt: at.toISOString() },
      ]);
      if (doc === undefined) return 'duplicate';
      effects.run({ id, effects: doc.pendingEffects }).catch((error: unknown) => {
        // Left pending: the runner's next pass processes it again.
        log.warn({ error, id }, 'event not processed yet; will retry');
      });
      return 'stored';
    },
  };
}
