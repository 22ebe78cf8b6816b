import { randomUUID } from 'node:crypto';
import type { Collection, Filter, UpdateFilter } from 'mongodb';
import { z } from 'zod';
import {
  type EffectDocument,
  type EffectStore,
  type StoredEffect,
  storedEffectSchema,
} from '../effects/effects.port.js';
import { isDuplicateKeyError, parseStored } from './documents.js';
import { createWriteBatcher } from './write-batcher.js';

/** The operators one collection's change turns into; `rev` and `pendingEffects` are added here. */
export interface ChangeUpdate {
  $set?: Record<string, unknown>;
  $push?: Record<string, unknown>;
  $pop?: Record<string, 1 | -1>;
}

/** A document as this store sees it: a string id and its effects, the rest read back through `parse`. */
export interface StringIdDocument {
  _id: string;
  rev?: number | null;
  pendingEffects: StoredEffect[];
  owner?: string | null;
  /** The takeover that made `owner` the owner: tells a takeover's winner which documents it won. */
  takeOverId?: string;
}

export interface EffectStoreOptions<Doc extends EffectDocument, Change> {
  collection: Collection<StringIdDocument>;
  parse: (doc: unknown) => Doc;
  toUpdate: (change: Change, at: Date) => ChangeUpdate;
  /** Bound on creating a document (the driver's `timeoutMS`), for a caller that must answer in time. */
  createTimeoutMs?: number;
  /** The order in which pending work is read back (the outbox's queue order); none by default. */
  pendingOrder?: Record<string, 1 | -1>;
}

const pendingSchema = z.object({
  _id: z.string(),
  pendingEffects: z.array(storedEffectSchema).default([]),
  owner: z.string().nullish(),
});

/** The index `pending` uses; each collection with effects creates it. */
export const PENDING_EFFECTS_INDEX = { key: { 'pendingEffects.at': 1 }, name: 'pending_effects_at' } as const;

/** The compare-and-set of one change on `rev`, appending its effects. */
function compareAndSet<Change>(
  write: { id: string; rev: number; change: Change },
  effects: StoredEffect[],
  at: Date,
  toUpdate: (change: Change, at: Date) => ChangeUpdate,
  owner: string,
) {
  const update = toUpdate(write.change, at);
  const rev = write.rev === 0 ? { $in: [0, null] } : write.rev;
  const filter: Filter<StringIdDocument> = { _id: write.id, rev };
  const operators: UpdateFilter<StringIdDocument> = {
    ...update,
    $set: { ...update.$set, rev: write.rev + 1, owner },
    $push: { ...update.$push, pendingEffects: { $each: effects } },
  };
  return { filter, operators };
}

/**
 * The effect store of one collection: a change and its effects in one compare-and-set on `rev`.
 * Documents written before they had a revision count as rev 0.
 */
export function createEffectStore<Doc extends EffectDocument, Change>(
  options: EffectStoreOptions<Doc, Change>,
): EffectStore<Doc, Change> {
  const { collection, parse } = options;
  // Effects finishing together are removed together: a burst of sends costs a write, not one each.
  const removeDone = createWriteBatcher(
    async (
      done: readonly { id: string; effectIds: readonly string[]; record?: Record<string, unknown> }[],
    ) => {
      await collection.bulkWrite(
        done.map(({ id, effectIds, record }) => ({
          updateOne: {
            filter: { _id: id },
            update: {
              ...(record === undefined ? {} : { $set: record }),
              $pull: { pendingEffects: { id: { $in: [...effectIds] } } },
            },
          },
        })),
        { ordered: false },
      );
      return done.map(() => true);
    },
  );
  return {
    async commit(write, effects: StoredEffect[], at: Date, owner: string) {
      if (write.kind === 'create') {
        const doc = {
          ...write.doc,
          rev: 0,
          pendingEffects: effects,
          owner,
        };
        try {
          await collection.insertOne(
            doc,
            options.createTimeoutMs === undefined ? {} : { timeoutMS: options.createTimeoutMs },
          );
          return parse(doc);
        } catch (error) {
          if (isDuplicateKeyError(error)) return undefined;
          throw error;
        }
      }
      const { filter, operators } = compareAndSet(write, effects, at, options.toUpdate, owner);
      const doc = await collection.findOneAndUpdate(filter, operators, { returnDocument: 'after' });
      return doc === null ? undefined : parse(doc);
    },

    async commitMany(writes, at, owner: string) {
      if (writes.length === 0) return [];
      // Unordered: one lost race must not stop the others; the read after tells who won what.
      const result = await collection.bulkWrite(
        writes.map((write) => {
          const { filter, operators } = compareAndSet(write, write.effects, at, options.toUpdate, owner);
          return { updateOne: { filter, update: operators } };
        }),
        { ordered: false },
      );
      // Every change applied: nothing to tell apart (also for changes without effects).
      const allWon = result.modifiedCount === writes.length;
      const fresh = new Map(writes.map((write) => [write.id, write.effects[0]]));
      const docs = await collection.find({ _id: { $in: [...fresh.keys()] } }).toArray();
      // The first new effect, its id and its batch, is still pending only where this change won.
      // A change without effects leaves no such mark: it counts as won only when every one did.
      return docs.map(parse).filter((doc) => {
        const mine = fresh.get(doc._id);
        if (mine === undefined) return allWon;
        return doc.pendingEffects.some((e) => e.id === mine.id && e.batch === mine.batch);
      });
    },

    async pending(query) {
      const filter: Filter<StringIdDocument> =
        query.committedBy === undefined
          ? { 'pendingEffects.0': { $exists: true } }
          : { 'pendingEffects.at': { $lte: query.committedBy } };
      if (query.owner !== undefined) filter.owner = query.owner;
      // `$nin` also matches documents without an owner (written before owners).
      else if (query.ownerNotIn !== undefined) filter.owner = { $nin: [...query.ownerNotIn] };
      const docs = await collection
        .find(filter, {
          projection: { pendingEffects: 1, owner: 1 },
          limit: query.limit,
          ...(options.pendingOrder === undefined ? {} : { sort: options.pendingOrder }),
        })
        .toArray();
      return docs.map((doc) => {
        const parsed = parseStored(pendingSchema, collection.collectionName, doc);
        return { id: parsed._id, effects: parsed.pendingEffects, owner: parsed.owner ?? undefined };
      });
    },

    async pendingOf(ids) {
      if (ids.length === 0) return [];
      const docs = await collection
        .find({ _id: { $in: [...ids] } }, { projection: { pendingEffects: 1, owner: 1 } })
        .toArray();
      return docs.map((doc) => {
        const parsed = parseStored(pendingSchema, collection.collectionName, doc);
        return { id: parsed._id, effects: parsed.pendingEffects, owner: parsed.owner ?? undefined };
      });
    },

    markDone(id, effectIds, record) {
      if (effectIds.length === 0 && record === undefined) return Promise.resolve();
      return removeDone({ id, effectIds, ...(record === undefined ? {} : { record }) }).then(() => undefined);
    },

    async takeOver(ids, from, to) {
      if (ids.length === 0) return new Set();
      const takeOverId = randomUUID();
      await collection.updateMany(
        { _id: { $in: [...ids] }, owner: { $in: [...from] } },
        { $set: { owner: to, takeOverId } },
      );
      const won = await collection
        .find({ _id: { $in: [...ids] }, takeOverId }, { projection: { _id: 1 } })
        .toArray();
      return new Set(won.map((doc) => doc._id));
    },

    async markDoneMany(done) {
      const effectIds = done.flatMap((work) => work.effects.map((effect) => effect.id));
      if (effectIds.length === 0) return;
      // Effect ids begin with their document's id, so pulling them all from each document is exact.
      await collection.updateMany(
        { _id: { $in: done.map((work) => work.id) } },
        { $pull: { pendingEffects: { id: { $in: effectIds } } } },
      );
    },
  };
}
