import { MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedMongoFixture, type LooseDocument, startFixture } from './embedded-mongo.fixture.js';

let fx: EmbeddedMongoFixture;
beforeAll(async () => {
  fx = await startFixture('fam_test');
});
afterAll(async () => {
  await fx.close();
});

describe('findAndModify', () => {
  it('counts exactly 50 increments from 50 concurrent clients', async () => {
    await fx.db.collection<LooseDocument>('counters').insertOne({ _id: 'c', n: 0 });
    const clients = await Promise.all(
      Array.from({ length: 50 }, () => MongoClient.connect(fx.server.uri, { maxPoolSize: 1 })),
    );
    try {
      const seen = await Promise.all(
        clients.map(async (client) => {
          const after = await client
            .db('fam_test')
            .collection<LooseDocument>('counters')
            .findOneAndUpdate({ _id: 'c' }, { $inc: { n: 1 } }, { returnDocument: 'after' });
          return Number(after?.n);
        }),
      );
      expect(new Set(seen).size).toBe(50);
      expect(Math.max(...seen)).toBe(50);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
    expect(await fx.db.collection<LooseDocument>('counters').findOne({ _id: 'c' })).toEqual({
      _id: 'c',
      n: 50,
    });
  });

  it('claims each job exactly once under concurrent claimers', async () => {
    const jobs = fx.db.collection<LooseDocument>('jobs');
    await jobs.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: i, state: 'due' })));
    const claims = await Promise.all(
      Array.from({ length: 30 }, (_, worker) =>
        jobs.findOneAndUpdate({ state: 'due' }, { $set: { state: 'claimed', worker } }, { sort: { _id: 1 } }),
      ),
    );
    const claimed = claims.filter((c) => c !== null).map((c) => Number(c?._id));
    expect(claimed.sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('returns the document before or after, upserts, removes and projects', async () => {
    const items = fx.db.collection<LooseDocument>('items');
    await items.insertMany([
      { _id: 1, v: 1, extra: 'x' },
      { _id: 2, v: 2 },
    ]);
    expect(await items.findOneAndUpdate({ _id: 1 }, { $set: { v: 10 } })).toEqual({
      _id: 1,
      v: 1,
      extra: 'x',
    });
    expect(
      await items.findOneAndUpdate(
        { _id: 1 },
        { $inc: { v: 1 } },
        { returnDocument: 'after', projection: { v: 1 } },
      ),
    ).toEqual({
      _id: 1,
      v: 11,
    });
    expect(
      await items.findOneAndReplace({ _id: 3 }, { v: 3 }, { upsert: true, returnDocument: 'after' }),
    ).toEqual({ _id: 3, v: 3 });
    const raw = await fx.db.command({
      findAndModify: 'items',
      query: { _id: 4 },
      update: { $set: { v: 4 } },
      upsert: true,
    });
    expect(raw.lastErrorObject).toEqual({ n: 1, updatedExisting: false, upserted: 4 });
    expect(raw.value).toBeNull();
    expect(await items.findOneAndDelete({ v: { $gte: 2 } }, { sort: { v: -1 } })).toEqual({
      _id: 1,
      v: 11,
      extra: 'x',
    });
    expect(await items.findOneAndUpdate({ _id: 99 }, { $set: { v: 0 } })).toBeNull();
  });

  it('updates array elements chosen by arrayFilters', async () => {
    const items = fx.db.collection<LooseDocument>('arrays');
    await items.insertOne({ _id: 1, a: [{ b: 1 }, { b: 2 }, { b: 3 }] });
    const after = await items.findOneAndUpdate(
      { _id: 1 },
      { $inc: { 'a.$[big].b': 10 } },
      { arrayFilters: [{ 'big.b': { $gt: 1 } }], returnDocument: 'after' },
    );
    expect(after).toEqual({ _id: 1, a: [{ b: 1 }, { b: 12 }, { b: 13 }] });
  });
});
