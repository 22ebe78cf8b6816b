import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { matchRecords } from '../src/catalog/query-plan.js';
import { StoredCollection } from '../src/catalog/stored-collection.js';
import { compileFilter } from '../src/query/query-matcher.js';
import { parseSortSpec } from '../src/query/sort-order.js';
import { type EmbeddedMongoFixture, type LooseDocument, startFixture } from './embedded-mongo.fixture.js';

let fx: EmbeddedMongoFixture;
beforeAll(async () => {
  fx = await startFixture('ordered_index_test');
});
afterAll(async () => {
  await fx.close();
});
beforeEach(async () => {
  await fx.db.dropDatabase();
});

const T0 = Date.UTC(2026, 0, 1);
const at = (minutes: number) => new Date(T0 + minutes * 60_000);

/** A queue-like collection: statuses, due dates with many ties, a sequence, odd values here and there. */
function queueDocs(count: number): LooseDocument[] {
  const statuses = ['pending', 'sending', 'sent', 'failed'];
  return Array.from({ length: count }, (_, i) => {
    const doc: LooseDocument = {
      _id: `item-${String(i).padStart(4, '0')}`,
      status: statuses[(i * 7) % 4],
      due: at(i % 13),
      seq: (i * 37) % count,
      lockedUntil: i % 5 === 0 ? null : at((i * 3) % 17),
    };
    if (i % 29 === 0) delete doc.due;
    if (i % 31 === 0) doc.due = i;
    if (i % 43 === 0) doc.due = null;
    return doc;
  });
}

/** The same documents with the indexes and without any: the plain collection scans, the answer to match. */
async function indexedAndPlain(docs: LooseDocument[]) {
  const indexed = fx.db.collection<LooseDocument>('indexed');
  const plain = fx.db.collection<LooseDocument>('plain');
  await indexed.createIndexes([
    { key: { status: 1, due: 1, seq: 1 }, name: 'due_in_order' },
    { key: { status: 1, lockedUntil: 1 }, name: 'leases' },
    { key: { due: -1 }, name: 'due_desc' },
  ]);
  await indexed.insertMany(docs.map((doc) => ({ ...doc })));
  await plain.insertMany(docs.map((doc) => ({ ...doc })));
  return { indexed, plain };
}

const QUERIES: Array<{
  filter: Record<string, unknown>;
  sort?: Record<string, 1 | -1>;
  limit?: number;
  skip?: number;
}> = [
  { filter: { status: 'pending', due: { $lte: at(6) } }, sort: { due: 1, seq: 1 }, limit: 16 },
  { filter: { status: 'pending', due: { $lte: at(6) } }, sort: { due: 1 }, limit: 5 },
  { filter: { status: 'pending', due: { $gt: at(3) } }, sort: { due: 1, seq: 1 }, limit: 7, skip: 3 },
  { filter: { status: 'pending', due: { $gte: at(2), $lt: at(9) } } },
  { filter: { status: 'sent' }, sort: { due: 1, seq: 1 }, limit: 10 },
  { filter: { status: 'sent' }, sort: { seq: -1 }, limit: 10 },
  { filter: { due: { $lte: at(4) } }, sort: { due: -1 }, limit: 9 },
  { filter: { due: { $gte: at(10) } }, sort: { due: -1, _id: 1 }, limit: 9 },
  { filter: { due: { $lte: 100 } }, sort: { due: 1 } },
  {
    filter: {
      $or: [
        { status: 'pending', due: { $lte: at(5) } },
        { status: 'sending', lockedUntil: { $lte: at(8) } },
      ],
    },
    sort: { due: 1, seq: 1 },
    limit: 16,
  },
  {
    filter: { $or: [{ status: 'pending' }, { status: 'failed', lockedUntil: { $gte: at(4) } }] },
    sort: { due: 1, seq: 1 },
  },
  { filter: { $or: [{ status: 'failed' }, { seq: 3 }] }, limit: 4 },
];

async function expectSameAnswers(
  indexed: ReturnType<typeof fx.db.collection>,
  plain: ReturnType<typeof fx.db.collection>,
) {
  for (const query of QUERIES) {
    const read = (collection: typeof indexed) =>
      collection
        .find(query.filter, {
          ...(query.sort ? { sort: query.sort } : {}),
          ...(query.limit ? { limit: query.limit } : {}),
          ...(query.skip ? { skip: query.skip } : {}),
        })
        .toArray();
    const expected = await read(plain);
    expect(await read(indexed), JSON.stringify(query)).toEqual(expected);
  }
}

describe('reading an index in key order', () => {
  it('answers range, sort, limit and $or queries exactly as a scan does, ties in natural order', async () => {
    const { indexed, plain } = await indexedAndPlain(queueDocs(400));
    await expectSameAnswers(indexed, plain);
  });

  it('keeps answering as a scan does while documents move, leave and arrive', async () => {
    const { indexed, plain } = await indexedAndPlain(queueDocs(300));
    await expectSameAnswers(indexed, plain); // builds the ordered entries before the writes below
    for (const collection of [indexed, plain]) {
      await collection.updateMany({ status: 'pending', seq: { $lt: 120 } }, { $set: { status: 'sending' } });
      await collection.updateMany({ status: 'sent' }, { $set: { due: at(2) } });
      await collection.deleteMany({ seq: { $gte: 250 } });
      await collection.insertMany(queueDocs(60).map((doc) => ({ ...doc, _id: `new-${String(doc._id)}` })));
      await collection.updateOne({ _id: 'item-0002' }, { $set: { due: at(-5) } });
    }
    await expectSameAnswers(indexed, plain);
  });

  it('stops reading once the wanted documents are found, when the index gives the sort order', () => {
    const collection = new StoredCollection('db', 'queue', {}, () => {});
    collection.addIndex({ v: 2, key: { status: 1, due: 1, seq: 1 }, name: 'due_in_order' });
    for (const doc of queueDocs(2_000)) collection.insert({ ...doc });
    const filter = { status: 'pending', due: { $lte: at(12) } };
    const sort = { due: 1, seq: 1 };
    const predicate = compileFilter(filter);
    let checked = 0;
    const counting = (doc: unknown) => {
      checked += 1;
      return predicate(doc);
    };
    const found = matchRecords(collection, filter, counting, parseSortSpec(sort), sort, 16);
    expect(found.slice(0, 16).map((record) => record.doc._id)).toHaveLength(16);
    // 500 documents are pending; the read looks at the first 16 in key order and no further.
    expect(checked).toBe(16);
  });

  it('falls back to a scan when an indexed field holds an array (key order is not sort order then)', async () => {
    const indexed = fx.db.collection<LooseDocument>('multi');
    await indexed.createIndex({ tag: 1 });
    await indexed.insertMany([
      { _id: 1, tag: 'b' },
      { _id: 2, tag: ['c', 'a'] },
      { _id: 3, tag: 'a' },
    ]);
    const found = await indexed.find({ tag: { $gte: 'a' } }, { sort: { tag: -1 }, limit: 2 }).toArray();
    // Descending, an array sorts by its largest element: 'c' first.
    expect(found.map((doc) => doc._id)).toEqual([2, 1]);
  });

  it('expires TTL documents read from the index in date order', async () => {
    const sessions = fx.db.collection<LooseDocument>('sessions');
    await sessions.createIndex({ at: 1 }, { expireAfterSeconds: 60 });
    const now = Date.now();
    await sessions.insertMany([
      { _id: 'old', at: new Date(now - 120_000) },
      { _id: 'fresh', at: new Date(now) },
      { _id: 'number', at: 5 },
    ]);
    // The server's own sweep runs every second; wait for it to have removed the old one.
    const deadline = Date.now() + 5_000;
    while ((await sessions.countDocuments({ _id: 'old' })) > 0) {
      if (Date.now() > deadline) throw new Error('the expired document is still there');
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect((await sessions.find({}, { sort: { _id: 1 } }).toArray()).map((doc) => doc._id)).toEqual([
      'fresh',
      'number',
    ]);
  });
});
