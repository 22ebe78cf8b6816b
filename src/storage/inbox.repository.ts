import type { Collection, Db } from 'mongodb';
import { z } from 'zod';
import { type EffectStore, storedEffectSchema } from '../effects/effects.port.js';
import { parseStored } from './documents.js';
import { createEffectStore, PENDING_EFFECTS_INDEX, type StringIdDocument } from './effect-store.js';

/**
 * One incoming event as it was received: its id is the event's own (a redelivery has the same
 * one, so the unique `_id` is the duplicate check, across restarts and instances) and its one
 * pending effect, which carries the body, until it has been processed.
 */
const inboxSchema = z.object({
  _id: z.string(),
  rev: z.number().int(),
  pendingEffects: z.array(storedEffectSchema),
  receivedAt: z.date(),
});

export type InboxDocument = z.infer<typeof inboxSchema>;

const COLLECTION = 'inbox';

/**
 * How long a received event is remembered. Webex redelivers within minutes; a week keeps every
 * redelivery a duplicate and still bounds the collection.
 */
const RETENTION_SECONDS = 7 * 24 * 3600;

export interface InboxRepositoryOptions {
  /** Bound on one write of the webhook route, so that an unreachable database answers 503 in time. */
  writeTimeoutMs?: number;
}

/** The stored incoming events, as the effect store of the inbox. */
export function createInboxRepository(db: Db, options: InboxRepositoryOptions = {}) {
  const collection: Collection<StringIdDocument> = db.collection<StringIdDocument>(COLLECTION);
  const timeoutMS = options.writeTimeoutMs ?? 2_000;
  const parse = (doc: unknown) => parseStored(inboxSchema, COLLECTION, doc);
  // Only the insert is bounded: it is the write a webhook's answer waits for.
  const store: EffectStore<InboxDocument, never> = createEffectStore<InboxDocument, never>({
    collection,
    parse,
    toUpdate: () => ({}),
    createTimeoutMs: timeoutMS,
  });

  return {
    store,
    async ensureIndexes(): Promise<void> {
      await collection.createIndexes([
        PENDING_EFFECTS_INDEX,
        { key: { receivedAt: 1 }, name: 'received_ttl', expireAfterSeconds: RETENTION_SECONDS },
      ]);
    },
    /** Whether an event is stored and whether it is still to be processed (tests, operators). */
    async status(id: string): Promise<'pending' | 'processed' | undefined> {
      const doc = await collection.findOne({ _id: id });
      if (doc === null) return undefined;
      return parse(doc).pendingEffects.length > 0 ? 'pending' : 'processed';
    },
  };
}

export type InboxRepository = ReturnType<typeof createInboxRepository>;
