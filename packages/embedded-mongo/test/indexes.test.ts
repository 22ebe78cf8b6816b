import { MongoServerError } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EmbeddedMongoFixture, type LooseDocument, startFixture } from './embedded-mongo.fixture.js';

let fx: EmbeddedMongoFixture;
beforeAll(async () => {
  fx = await startFixture('indexes_test');
});
afterAll(async () => {
  await fx.close();
});
beforeEach(async () => {
  await fx.db.dropDatabase();
});

async function duplicateError(action: () => Promise<unknown>): Promise<MongoServerError> {
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MongoServerError);
  if (!(error instanceof MongoServerError)) throw new Error('expected a server error');
  return error;
}

describe('unique indexes', () => {
  it('rejects a duplicate on a single-field unique index with MongoDB message shape', async () => {
    const users = fx.db.collection<LooseDocument>('users');
    expect(await users.createIndex({ k: 1 }, { unique: true })).toBe('k_1');
    await users.insertOne({ k: 7 });
    const error = await duplicateError(() => users.insertOne({ k: 7 }));
    expect(error.code).toBe(11000);
    expect(error.message).toBe(
      'E11000 duplicate key error collection: indexes_test.users index: k_1 dup key: { k: 7 }',
    );
    expect(error.errorResponse).toMatchObject({ keyPattern: { k: 1 }, keyValue: { k: 7 } });
  });

  it('treats numerically equal keys as duplicates (7 == 7.0 == Long 7)', async () => {
    const users = fx.db.collection<LooseDocument>('users');
    await users.createIndex({ k: 1 }, { unique: true });
    await users.insertOne({ k: 7 });
    await expect(users.insertOne({ k: 7.0 })).rejects.toMatchObject({ code: 11000 });
  });

  it('enforces compound unique indexes on the combination only', async () => {
    const members = fx.db.collection<LooseDocument>('members');
    await members.createIndex({ org: 1, email: 1 }, { unique: true });
    await members.insertMany([
      { org: 'a', email: 'x@e.com' },
      { org: 'b', email: 'x@e.com' },
    ]);
    const error = await duplicateError(() => members.insertOne({ org: 'a', email: 'x@e.com' }));
    expect(error.message).toBe(
      'E11000 duplicate key error collection: indexes_test.members index: org_1_email_1 dup key: { org: "a", email: "x@e.com" }',
    );
    expect(error.errorResponse).toMatchObject({
      keyPattern: { org: 1, email: 1 },
      keyValue: { org: 'a', email: 'x@e.com' },
    });
  });

  it('reports write errors per document and stops ordered inserts at the first', async () => {
    const items = fx.db.collection<LooseDocument>('items');
    await items.createIndex({ sku: 1 }, { unique: true });
    const error = await duplicateError(() => items.insertMany([{ sku: 1 }, { sku: 1 }, { sku: 2 }]));
    expect(error.code).toBe(11000);
    expect(await items.countDocuments()).toBe(1);
    await duplicateError(() => items.insertMany([{ sku: 3 }, { sku: 3 }, { sku: 4 }], { ordered: false }));
    expect(await items.countDocuments()).toBe(3);
  });

  it('checks unique indexes on updates and upserts without changing the document', async () => {
    const items = fx.db.collection<LooseDocument>('items');
    await items.createIndex({ sku: 1 }, { unique: true });
    await items.insertMany([
      { _id: 1, sku: 'a' },
      { _id: 2, sku: 'b' },
    ]);
    await expect(items.updateOne({ _id: 2 }, { $set: { sku: 'a' } })).rejects.toMatchObject({ code: 11000 });
    await expect(items.findOneAndUpdate({ _id: 2 }, { $set: { sku: 'a' } })).rejects.toMatchObject({
      code: 11000,
    });
    expect(await items.findOne({ _id: 2 })).toEqual({ _id: 2, sku: 'b' });
  });

  it('indexes each array element, and an empty array apart from a missing field', async () => {
    const orgs = fx.db.collection<LooseDocument>('orgs');
    await orgs.createIndex({ members: 1 }, { unique: true });
    await orgs.insertMany([{ _id: 'a', members: ['x', 'y'] }, { _id: 'b', members: [] }, { _id: 'c' }]);
    await expect(orgs.insertOne({ _id: 'd', members: ['z', 'y'] })).rejects.toMatchObject({
      code: 11000,
      keyValue: { members: 'y' },
    });
    await expect(orgs.insertOne({ _id: 'e', members: [] })).rejects.toMatchObject({ code: 11000 });
    await expect(orgs.insertOne({ _id: 'f' })).rejects.toMatchObject({ code: 11000 });
    await orgs.insertOne({ _id: 'g', members: ['q', 'q'] });
    expect(await orgs.findOne({ members: 'y' })).toMatchObject({ _id: 'a' });
  });

  it('allows many documents without the field in a sparse unique index', async () => {
    const items = fx.db.collection<LooseDocument>('sparse');
    await items.createIndex({ code: 1 }, { unique: true, sparse: true });
    await items.insertMany([{ a: 1 }, { a: 2 }]);
    await expect(items.insertMany([{ code: 'x' }, { code: 'x' }])).rejects.toMatchObject({ code: 11000 });
  });

  it('refuses to build a unique index over existing duplicates', async () => {
    const items = fx.db.collection<LooseDocument>('dups');
    await items.insertMany([{ k: 1 }, { k: 1 }]);
    await expect(items.createIndex({ k: 1 }, { unique: true })).rejects.toMatchObject({ code: 11000 });
    expect((await items.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
  });
});

describe('index management', () => {
  it('lists, conflicts and drops indexes with MongoDB codes', async () => {
    const items = fx.db.collection<LooseDocument>('managed');
    await items.createIndex({ a: 1 }, { name: 'by_a' });
    await items.createIndex({ a: 1 }, { name: 'by_a' });
    expect((await items.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_', 'by_a']);
    await expect(items.createIndex({ b: 1 }, { name: 'by_a' })).rejects.toMatchObject({ code: 86 });
    await expect(items.createIndex({ a: 1 }, { name: 'other' })).rejects.toMatchObject({ code: 85 });
    await expect(items.createIndex({ a: 1 }, { name: 'by_a', unique: true })).rejects.toMatchObject({
      code: 85,
    });
    await expect(items.createIndex({ c: 'text' })).rejects.toMatchObject({ code: 67 });
    await expect(items.dropIndex('missing')).rejects.toMatchObject({ code: 27 });
    await expect(items.dropIndex('_id_')).rejects.toMatchObject({ code: 72 });
    await items.dropIndex('by_a');
    expect((await items.listIndexes().toArray()).map((i) => i.name)).toEqual(['_id_']);
    await expect(fx.db.collection<LooseDocument>('nothing').listIndexes().toArray()).rejects.toMatchObject({
      code: 26,
    });
  });

  it('uses the _id and secondary indexes for equality look-ups', async () => {
    const items = fx.db.collection<LooseDocument>('lookups');
    await items.createIndex({ email: 1 });
    await items.insertMany(
      Array.from({ length: 500 }, (_, i) => ({ _id: i, email: `u${i}@e.com`, n: i % 7 })),
    );
    expect(await items.findOne({ email: 'u321@e.com' })).toMatchObject({ _id: 321 });
    expect(
      await items
        .find({ _id: { $in: [3, 1, 2] } })
        .map((d) => d._id)
        .toArray(),
    ).toEqual([1, 2, 3]);
    expect(await items.countDocuments({ email: 'u10@e.com', n: 3 })).toBe(1);
    expect(await items.countDocuments({ email: 'u10@e.com', n: 4 })).toBe(0);
  });
});
