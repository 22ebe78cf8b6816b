import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { createDocumentEffects } from '../../src/effects/document-effects.js';
import { storedEffectSchema } from '../../src/effects/effects.port.js';
import type { Instance } from '../../src/effects/instances.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { connectStorage, type Storage } from '../../src/storage/connect.js';
import { parseStored } from '../../src/storage/documents.js';
import { createEffectStore, type StringIdDocument } from '../../src/storage/effect-store.js';
import { createOutboxRepository } from '../../src/storage/outbox.repository.js';
import { startTestInstance } from '../support/test-instance.js';

/** A document kind of its own, so the batch writes are tested apart from orders. */
const counterSchema = z.object({
  _id: z.string(),
  rev: z.number().int(),
  count: z.number().int(),
  pendingEffects: z.array(storedEffectSchema),
});
type Counter = z.infer<typeof counterSchema>;

const logger = createSilentLogger();
let storage: Storage;
let owners: Instance;
beforeAll(async () => {
  storage = await connectStorage({
    uri: process.env.MONGODB_URI,
    dbName: `commitmany_${randomUUID().slice(0, 8)}`,
    dataDir: undefined,
    logger,
  });
  owners = await startTestInstance(storage.db);
});
afterAll(async () => {
  await storage?.close();
});

function counters(collection: string) {
  const store = createEffectStore<Counter, { count: number }>({
    collection: storage.db.collection<StringIdDocument>(collection),
    parse: (doc) => parseStored(counterSchema, collection, doc),
    toUpdate: (change) => ({ $set: { count: change.count } }),
  });
  return createDocumentEffects({
    name: collection,
    store,
    owners,
    handler: { parse: (json) => JSON.parse(json) as unknown, run: async () => undefined },
    now: () => new Date(),
    logger,
  });
}

describe('several compare-and-sets in one write', () => {
  it('reports only the changes that won, when two instances decide on the same revisions', async () => {
    const a = counters('race');
    const b = counters('race');
    for (const id of ['c1', 'c2', 'c3'])
      await a.commit(
        { kind: 'create', doc: { _id: id, count: 0 } as Omit<Counter, 'rev' | 'pendingEffects'> },
        [],
      );
    const writes = (tag: string) =>
      ['c1', 'c2', 'c3'].map((id) => ({
        id,
        rev: 0,
        change: { count: 1 },
        effects: [{ note: `${tag}:${id}` }],
      }));
    // Same revisions, so the same effect ids: only the batch tells the winner.
    const first = await a.commitMany(writes('a'));
    const second = await b.commitMany(writes('b'));
    expect(first.map(({ doc }) => doc._id).sort()).toEqual(['c1', 'c2', 'c3']);
    expect(second).toEqual([]);
    const stored = await storage.db.collection<StringIdDocument>('race').find().toArray();
    for (const doc of stored) {
      expect(doc.rev).toBe(1);
      expect(doc.pendingEffects.map((e) => JSON.parse(e.json))).toEqual([{ note: `a:${doc._id}` }]);
    }
    // A write on a revision that moved on is not applied; the others of its batch are.
    const mixed = await b.commitMany([
      { id: 'c1', rev: 0, change: { count: 9 }, effects: [{ note: 'stale' }] },
      { id: 'c2', rev: 1, change: { count: 2 }, effects: [{ note: 'fresh' }] },
    ]);
    expect(mixed.map(({ doc }) => [doc._id, doc.count, doc.rev])).toEqual([['c2', 2, 2]]);
    expect([...(mixed[0]?.fresh ?? [])]).toEqual(['c2:2:0']);
    await a.markDoneMany(stored.map((doc) => ({ id: doc._id, effects: doc.pendingEffects })));
    const after = await storage.db.collection<StringIdDocument>('race').find().toArray();
    expect(after.map((doc) => doc.pendingEffects.map((e) => e.id))).toEqual([[], ['c2:2:0'], []]);
  });
});

describe('messages queued in one write', () => {
  it('adds each key once, skipping keys already queued or repeated in the batch', async () => {
    const repository = createOutboxRepository(storage.db);
    await repository.ensureIndexes();
    const outbox = createOutbox({ repository, owners, now: () => new Date() });
    const message = (key: string, text: string) => ({
      key,
      target: { toPersonEmail: `${key}@partner.example` },
      message: { text },
      purpose: { kind: 'test' },
    });
    expect(
      await outbox.sendMessage(
        'k1',
        { toPersonEmail: 'k1@partner.example' },
        { text: 'first' },
        { kind: 'test' },
      ),
    ).toBe(true);
    // A sender taking work from now on: given what each write added, in queue order.
    const taken: string[][] = [];
    outbox.local.open((items) => taken.push(items.map((item) => item._id)));
    expect(taken).toEqual([['k1']]);
    const added = await outbox.sendMessages([
      message('k1', 'again'),
      message('k2', 'two'),
      message('k3', 'three'),
      message('k2', 'two again'),
    ]);
    expect(added).toBe(2);
    expect(JSON.parse((await repository.get('k1'))?.payloadJson ?? '{}')).toMatchObject({ text: 'first' });
    expect(JSON.parse((await repository.get('k2'))?.payloadJson ?? '{}')).toMatchObject({ text: 'two' });
    expect((await repository.get('k3'))?.status).toBe('pending');
    expect(await outbox.sendMessages([message('k3', 'three')])).toBe(0);
    expect(await outbox.sendMessages([])).toBe(0);
    expect(taken).toEqual([['k1'], ['k2', 'k3']]);
    expect((await repository.get('k2'))?.owner).toBe(owners.id);
    outbox.local.close();
  });
});

describe('changes without effects in one write', () => {
  it('are written, and reported as applied only when every change of the batch applied', async () => {
    const a = counters('plain');
    for (const id of ['p1', 'p2'])
      await a.commit(
        { kind: 'create', doc: { _id: id, count: 0 } as Omit<Counter, 'rev' | 'pendingEffects'> },
        [],
      );
    const all = await a.commitMany([
      { id: 'p1', rev: 0, change: { count: 1 }, effects: [] },
      { id: 'p2', rev: 0, change: { count: 1 }, effects: [] },
    ]);
    expect(all.map(({ doc }) => [doc._id, doc.count, doc.rev])).toEqual([
      ['p1', 1, 1],
      ['p2', 1, 1],
    ]);
    // One of them lost its race: nothing marks which, so neither is reported; both were tried.
    const mixed = await a.commitMany([
      { id: 'p1', rev: 0, change: { count: 5 }, effects: [] },
      { id: 'p2', rev: 1, change: { count: 2 }, effects: [] },
    ]);
    expect(mixed).toEqual([]);
    const stored = await storage.db
      .collection<StringIdDocument & { count: number }>('plain')
      .find()
      .toArray();
    expect(stored.map((doc) => [doc._id, doc.count, doc.rev])).toEqual([
      ['p1', 1, 1],
      ['p2', 2, 2],
    ]);
  });
});

describe('effects carried out together', () => {
  it('are removed together, each with what it came to', async () => {
    const repository = createOutboxRepository(storage.db);
    await repository.ensureIndexes();
    const outbox = createOutbox({ repository, owners, now: () => new Date() });
    const ids = ['s1', 's2', 's3'];
    for (const key of ids)
      await outbox.sendMessage(
        key,
        { toPersonEmail: `${key}@partner.example` },
        { text: key },
        { kind: 'test' },
      );
    await Promise.all(
      ids.map((id) => repository.store.markDone(id, [`${id}:0:0`], { status: 'sent', messageId: `m-${id}` })),
    );
    for (const id of ids)
      expect(await repository.get(id)).toMatchObject({
        status: 'sent',
        messageId: `m-${id}`,
        pendingEffects: [],
      });
    expect((await repository.store.pendingOf(ids)).flatMap((work) => work.effects)).toEqual([]);
  });
});
