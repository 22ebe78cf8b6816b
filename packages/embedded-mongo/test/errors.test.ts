import { type Document, MongoClient } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedMongoFixture, type LooseDocument, startFixture } from './embedded-mongo.fixture.js';

let fx: EmbeddedMongoFixture;
beforeAll(async () => {
  fx = await startFixture('errors_test');
  await fx.db.collection<LooseDocument>('things').insertOne({ _id: 1, name: 'x', list: [1] });
});
afterAll(async () => {
  await fx.close();
});

describe('error codes', () => {
  it.each([
    ['unknown command', { frobnicate: 1 }, 59, 'CommandNotFound', "no such command: 'frobnicate'"],
    [
      'unknown query operator',
      { find: 'things', filter: { a: { $bogus: 1 } } },
      2,
      'BadValue',
      'unknown operator: $bogus',
    ],
    [
      'unknown top-level operator',
      { find: 'things', filter: { $bogus: 1 } },
      2,
      'BadValue',
      'unknown top level operator: $bogus',
    ],
    ['wrong option type', { find: 'things', limit: 'ten' }, 14, 'TypeMismatch', "BSON field 'find.limit'"],
    ['create an existing collection', { create: 'things' }, 48, 'NamespaceExists', 'already exists'],
    ['drop a missing collection', { drop: 'missing' }, 26, 'NamespaceNotFound', 'ns not found'],
    [
      'findAndModify with neither update nor remove',
      { findAndModify: 'things', query: {} },
      9,
      'FailedToParse',
      'Either an update',
    ],
    [
      'change stream on a standalone',
      { aggregate: 'things', pipeline: [{ $changeStream: {} }], cursor: {} },
      40573,
      'Location40573',
      'replica sets',
    ],
    [
      'getMore of an unknown cursor',
      { getMore: 12345n, collection: 'things' },
      43,
      'CursorNotFound',
      'not found',
    ],
  ])('%s', async (_label, command, code, codeName, message) => {
    await expect(fx.db.command(command)).rejects.toMatchObject({
      code,
      codeName,
      message: expect.stringContaining(message),
    });
  });

  it.each<[string, Document, number]>([
    ['changing _id', { $set: { _id: 2 } }, 66],
    ['an unknown update operator', { $frob: { a: 1 } }, 9],
    ['$inc on a string', { $inc: { name: 1 } }, 14],
    ['conflicting paths', { $set: { list: [] }, $push: { list: 2 } }, 40],
  ])('update rejects %s with code %i', async (_label, update, code) => {
    await expect(
      fx.db.collection<LooseDocument>('things').updateOne({ _id: 1 }, update),
    ).rejects.toMatchObject({ code });
    expect(await fx.db.collection<LooseDocument>('things').findOne({ _id: 1 })).toEqual({
      _id: 1,
      name: 'x',
      list: [1],
    });
  });

  it('rejects a replacement that changes _id with ImmutableField', async () => {
    await expect(
      fx.db.collection<LooseDocument>('things').replaceOne({ _id: 1 }, { _id: 5, name: 'y' }),
    ).rejects.toMatchObject({ code: 66 });
  });
});

describe('standalone limits', () => {
  it('refuses transactions like a standalone mongod (code 20)', async () => {
    const session = fx.client.startSession();
    try {
      session.startTransaction();
      const error = await fx.db
        .collection<LooseDocument>('things')
        .insertOne({ _id: 99 }, { session })
        .then(
          () => undefined,
          (e: unknown) => e,
        );
      // The driver rewords code 20 on a write as "does not support retryable writes", like with mongod.
      expect(error).toMatchObject({ originalError: { code: 20, codeName: 'IllegalOperation' } });
    } finally {
      await session.abortTransaction().catch(() => undefined);
      await session.endSession();
    }
    expect(await fx.db.collection<LooseDocument>('things').findOne({ _id: 99 })).toBeNull();
  });

  it("answers a transaction command with IllegalOperation and mongod's message", async () => {
    const command = { find: 'things', filter: {}, txnNumber: 1n, autocommit: false, startTransaction: true };
    await expect(fx.db.command(command)).rejects.toMatchObject({
      code: 20,
      codeName: 'IllegalOperation',
      message: 'Transaction numbers are only allowed on a replica set member or mongos',
    });
  });

  it('answers the handshake as a MongoDB 7.0 standalone', async () => {
    const hello = await fx.db.admin().command({ hello: 1 });
    expect(hello).toMatchObject({
      isWritablePrimary: true,
      maxWireVersion: 21,
      maxBsonObjectSize: 16777216,
      ok: 1,
    });
    expect(hello.setName).toBeUndefined();
    expect((await fx.db.admin().command({ buildInfo: 1 })).version).toMatch(/^7\.0\./);
  });

  it('rejects documents over 16 MB', async () => {
    const client = new MongoClient(fx.server.uri);
    try {
      const big = { _id: 'big', blob: 'x'.repeat(16 * 1024 * 1024) };
      await expect(
        client.db('errors_test').collection<LooseDocument>('big').insertOne(big),
      ).rejects.toMatchObject({
        code: 10334,
        message: expect.stringContaining('object to insert too large'),
      });
    } finally {
      await client.close();
    }
  });

  it('rejects an update whose result is over 16 MB, however the update grows the document', async () => {
    const docs = fx.db.collection<LooseDocument>('grow');
    const tooLarge = { code: 10334, message: expect.stringContaining('larger than 16777216') };
    await docs.insertOne({ _id: 'near', blob: 'x'.repeat(16 * 1024 * 1024 - 2_000), arr: [1] });
    await docs.updateOne({ _id: 'near' }, { $set: { small: 1 } });
    // A few small updates fit; one more field of 2 kB does not.
    await expect(
      docs.updateOne({ _id: 'near' }, { $set: { more: 'y'.repeat(2_000) } }),
    ).rejects.toMatchObject(tooLarge);
    // A position far past the end pads the array with nulls: a tiny update, a huge result.
    await docs.insertOne({ _id: 'pad', arr: [1] });
    await expect(docs.updateOne({ _id: 'pad' }, { $set: { 'arr.3000000': 1 } })).rejects.toMatchObject(
      tooLarge,
    );
    // Writing every element of a long array: each element grows by the update's value.
    await docs.insertOne({ _id: 'all', arr: Array.from({ length: 9_000 }, () => ({})) });
    await expect(
      docs.updateOne({ _id: 'all' }, { $set: { 'arr.$[].v': 'z'.repeat(2_000) } }),
    ).rejects.toMatchObject(tooLarge);
    expect(await docs.findOne({ _id: 'all' }, { projection: { 'arr.v': 1 } })).toMatchObject({
      arr: expect.any(Array),
    });
    expect((await docs.findOne({ _id: 'pad' }))?.arr).toEqual([1]);
  });
});
