import { Binary, Decimal128, type Document, Long, ObjectId, UUID } from 'mongodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EmbeddedMongoFixture, type LooseDocument, startFixture } from './embedded-mongo.fixture.js';

let fx: EmbeddedMongoFixture;
beforeAll(async () => {
  fx = await startFixture('crud_test');
});
afterAll(async () => {
  await fx.close();
});
beforeEach(async () => {
  await fx.db.dropDatabase();
});

describe('insert and find', () => {
  it('generates an ObjectId _id and finds by it', async () => {
    const items = fx.db.collection<LooseDocument>('items');
    const { insertedId } = await items.insertOne({ name: 'a' });
    expect(insertedId).toBeInstanceOf(ObjectId);
    expect(await items.findOne({ _id: insertedId })).toEqual({ _id: insertedId, name: 'a' });
  });

  it.each([
    ['string', 'order-1'],
    ['int', 42],
    ['double', 4.5],
    ['ObjectId', new ObjectId()],
    ['UUID', new UUID()],
    ['Date', new Date('2024-01-02T03:04:05Z')],
  ])('accepts a %s _id and looks it up', async (_kind, id) => {
    const items = fx.db.collection<LooseDocument>('ids');
    await items.insertOne({ _id: id, v: 1 });
    const found = await items.findOne({ _id: id });
    expect(found?.v).toBe(1);
    await expect(items.insertOne({ _id: id, v: 2 })).rejects.toMatchObject({ code: 11000 });
  });

  it('treats 1, 1.0 and Long(1) as the same _id and value', async () => {
    const items = fx.db.collection<LooseDocument>('numbers');
    await items.insertOne({ _id: 1, n: Long.fromNumber(7) });
    await expect(items.insertOne({ _id: Long.fromNumber(1) })).rejects.toMatchObject({ code: 11000 });
    expect(await items.countDocuments({ _id: 1.0 })).toBe(1);
    expect(await items.countDocuments({ n: 7 })).toBe(1);
    expect(await items.countDocuments({ n: { $gt: 6.5, $lt: Long.fromNumber(8) } })).toBe(1);
  });

  it('applies unacknowledged (w: 0, moreToCome) writes without replying', async () => {
    const items = fx.db.collection<LooseDocument>('fireAndForget');
    await items.insertOne({ _id: 'w0', v: 1 }, { writeConcern: { w: 0 } });
    await items.updateOne({ _id: 'w0' }, { $inc: { v: 1 } }, { writeConcern: { w: 0 } });
    // The writes reach the server before the read is even sent, and it handles messages in arrival order.
    expect(await items.findOne({ _id: 'w0' })).toEqual({ _id: 'w0', v: 2 });
  });

  it('keeps BSON types intact', async () => {
    const items = fx.db.collection<LooseDocument>('types');
    const doc = {
      _id: 't',
      long: Long.fromString('9007199254740993'),
      dec: Decimal128.fromString('1.10'),
      bin: new Binary(Buffer.from([1, 2, 3])),
      date: new Date(0),
      nested: { arr: [1, 'two', null] },
    };
    await items.insertOne(doc);
    const found = await items.findOne({ _id: 't' }, { promoteLongs: false });
    expect(found?.long).toEqual(doc.long);
    expect(String(found?.dec)).toBe('1.10');
    expect(found?.date).toEqual(new Date(0));
    expect(found?.nested).toEqual({ arr: [1, 'two', null] });
    expect(await items.countDocuments({ long: { $type: 'long' } })).toBe(1);
  });

  it('filters, projects, sorts, skips and limits', async () => {
    const items = fx.db.collection<LooseDocument>('people');
    await items.insertMany([
      { _id: 1, name: 'ann', age: 31, tags: ['a', 'b'], address: { city: 'Zagreb' } },
      { _id: 2, name: 'bob', age: 25, tags: ['b'], address: { city: 'Split' } },
      { _id: 3, name: 'cid', age: 40, tags: [], address: { city: 'Zagreb' } },
      { _id: 4, name: 'dan' },
    ]);
    const zagreb = await items
      .find({ 'address.city': 'Zagreb' }, { projection: { name: 1, _id: 0 }, sort: { age: -1 } })
      .toArray();
    expect(zagreb).toEqual([{ name: 'cid' }, { name: 'ann' }]);
    expect(
      await items
        .find({ tags: 'b' })
        .map((d) => d._id)
        .toArray(),
    ).toEqual([1, 2]);
    expect(
      await items
        .find({ age: { $exists: false } })
        .map((d) => d._id)
        .toArray(),
    ).toEqual([4]);
    expect(
      await items
        .find({ $or: [{ age: { $lt: 30 } }, { name: /^d/ }] })
        .map((d) => d._id)
        .toArray(),
    ).toEqual([2, 4]);
    expect(
      await items
        .find({})
        .sort({ age: 1 })
        .skip(1)
        .limit(2)
        .map((d) => d._id)
        .toArray(),
    ).toEqual([2, 1]);
    expect(
      await items
        .find({ tags: { $size: 0 } })
        .map((d) => d._id)
        .toArray(),
    ).toEqual([3]);
    expect(
      await items
        .find({ age: null })
        .map((d) => d._id)
        .toArray(),
    ).toEqual([4]);
    expect(await items.distinct('address.city')).toEqual(['Zagreb', 'Split']);
  });
});

describe('update and delete', () => {
  it('applies operators, upserts and reports counts', async () => {
    const items = fx.db.collection<LooseDocument>('counters');
    await items.insertOne({ _id: 'c', n: 1, list: [1, 2, 3] });
    const update: Document = { $inc: { n: 2 }, $push: { list: 4 }, $set: { 'a.b': true } };
    const result = await items.updateOne({ _id: 'c' }, update);
    expect(result).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await items.findOne({ _id: 'c' })).toEqual({ _id: 'c', n: 3, list: [1, 2, 3, 4], a: { b: true } });
    const noop = await items.updateOne({ _id: 'c' }, { $set: { n: 3 } });
    expect(noop.modifiedCount).toBe(0);
    const upsert = await items.updateOne(
      { _id: 'new', kind: 'x' },
      { $setOnInsert: { created: 1 } },
      { upsert: true },
    );
    expect(upsert.upsertedId).toBe('new');
    expect(await items.findOne({ _id: 'new' })).toEqual({ _id: 'new', kind: 'x', created: 1 });
  });

  it('updates array elements with arrayFilters and the positional operator', async () => {
    const items = fx.db.collection<LooseDocument>('grades');
    await items.insertOne({
      _id: 1,
      grades: [
        { g: 80, n: 0 },
        { g: 95, n: 0 },
      ],
      scores: [1, 5, 9],
    });
    await items.updateOne(
      { _id: 1 },
      { $set: { 'grades.$[hi].n': 1 } },
      { arrayFilters: [{ 'hi.g': { $gte: 90 } }] },
    );
    await items.updateOne({ _id: 1, scores: 5 }, { $set: { 'scores.$': 50 } });
    expect(await items.findOne({ _id: 1 })).toEqual({
      _id: 1,
      grades: [
        { g: 80, n: 0 },
        { g: 95, n: 1 },
      ],
      scores: [1, 50, 9],
    });
  });

  it('updates many, replaces and runs pipeline updates', async () => {
    const items = fx.db.collection<LooseDocument>('docs');
    await items.insertMany([
      { _id: 1, a: 1 },
      { _id: 2, a: 2 },
      { _id: 3, a: 3 },
    ]);
    expect((await items.updateMany({ a: { $gte: 2 } }, { $mul: { a: 10 } })).modifiedCount).toBe(2);
    await items.replaceOne({ _id: 1 }, { b: 'replaced' });
    await items.updateOne({ _id: 2 }, [{ $set: { c: { $add: ['$a', 1] } } }]);
    expect(await items.find().toArray()).toEqual([
      { _id: 1, b: 'replaced' },
      { _id: 2, a: 20, c: 21 },
      { _id: 3, a: 30 },
    ]);
  });

  it('deletes one or many', async () => {
    const items = fx.db.collection<LooseDocument>('trash');
    await items.insertMany([{ k: 1 }, { k: 1 }, { k: 2 }]);
    expect((await items.deleteOne({ k: 1 })).deletedCount).toBe(1);
    expect((await items.deleteMany({})).deletedCount).toBe(2);
  });
});

describe('BSON types through mingo-evaluated stages', () => {
  it('keeps untouched longs and decimals in pipeline updates and $addFields', async () => {
    const items = fx.db.collection<LooseDocument>('typed');
    await items.insertOne({ _id: 1, long: Long.fromNumber(5), dec: Decimal128.fromString('1.5'), n: 1 });
    await items.updateOne({ _id: 1 }, [{ $set: { n: { $add: ['$n', 1] } } }]);
    const stored = await items.findOne({ _id: 1 }, { promoteLongs: false });
    expect(stored?.long).toEqual(Long.fromNumber(5));
    expect(stored?.dec).toBeInstanceOf(Decimal128);
    expect(stored?.n).toBe(2);
    const [added] = await items
      .aggregate([{ $addFields: { idText: { $toString: '$_id' }, kind: { $type: '$long' } } }], {
        promoteLongs: false,
      })
      .toArray();
    expect(added).toMatchObject({ long: Long.fromNumber(5), idText: '1' });
    expect(added?.dec).toBeInstanceOf(Decimal128);
  });

  it('groups natively: sums of longs stay longs, keys compare by value', async () => {
    const items = fx.db.collection<LooseDocument>('grouped');
    await items.insertMany([
      { g: 1, l: Long.fromString('9007199254740993') },
      { g: 1.0, l: Long.fromNumber(1) },
      { g: Long.fromNumber(2), l: Long.fromNumber(5) },
    ]);
    const groups = await items
      .aggregate(
        [
          { $group: { _id: '$g', total: { $sum: '$l' }, n: { $count: {} }, ls: { $push: '$l' } } },
          { $sort: { _id: 1 } },
        ],
        {
          promoteLongs: false,
        },
      )
      .toArray();
    expect(groups.map((g) => [Number(g._id), String(g.total), Number(g.n)])).toEqual([
      [1, '9007199254740994', 1 + 1],
      [2, '5', 1],
    ]);
    expect(groups[0]?.total).toBeInstanceOf(Long);
  });

  it('converts ObjectIds with $toString and $toObjectId like MongoDB', async () => {
    const items = fx.db.collection<LooseDocument>('oids');
    const id = new ObjectId();
    await items.insertOne({ _id: id });
    const [out] = await items
      .aggregate([
        { $project: { text: { $toString: '$_id' }, back: { $toObjectId: { $toString: '$_id' } } } },
      ])
      .toArray();
    expect(out).toEqual({ _id: id, text: id.toHexString(), back: id });
  });

  it('projects the first matching element with $elemMatch', async () => {
    const items = fx.db.collection<LooseDocument>('schools');
    await items.insertOne({
      _id: 1,
      zip: '1',
      students: [
        { n: 'a', age: 9 },
        { n: 'b', age: 12 },
      ],
    });
    const found = await items.findOne(
      { _id: 1 },
      { projection: { students: { $elemMatch: { age: { $gt: 10 } } } } },
    );
    expect(found).toEqual({ _id: 1, students: [{ n: 'b', age: 12 }] });
  });
});

describe('aggregate', () => {
  it('runs match, group, sort, lookup, unwind, facet and count', async () => {
    await fx.db.collection<LooseDocument>('orders').insertMany([
      { _id: 1, customer: 'a', total: 10, items: ['x', 'y'] },
      { _id: 2, customer: 'b', total: 5, items: ['x'] },
      { _id: 3, customer: 'a', total: 7, items: [] },
    ]);
    await fx.db.collection<LooseDocument>('customers').insertMany([
      { _id: 'a', name: 'Ann' },
      { _id: 'b', name: 'Bob' },
    ]);
    const totals = await fx.db
      .collection<LooseDocument>('orders')
      .aggregate([
        { $group: { _id: '$customer', sum: { $sum: '$total' } } },
        { $sort: { sum: -1 } },
        { $lookup: { from: 'customers', localField: '_id', foreignField: '_id', as: 'who' } },
        { $project: { sum: 1, name: { $first: '$who.name' } } },
      ])
      .toArray();
    expect(totals).toEqual([
      { _id: 'a', sum: 17, name: 'Ann' },
      { _id: 'b', sum: 5, name: 'Bob' },
    ]);
    const facet = await fx.db
      .collection<LooseDocument>('orders')
      .aggregate([
        {
          $facet: {
            items: [{ $unwind: '$items' }, { $count: 'n' }],
            big: [{ $match: { total: { $gt: 6 } } }, { $count: 'n' }],
          },
        },
      ])
      .toArray();
    expect(facet).toEqual([{ items: [{ n: 3 }], big: [{ n: 2 }] }]);
  });
});
