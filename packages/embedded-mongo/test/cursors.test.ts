import { Long } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedMongoFixture, type LooseDocument, startFixture } from './embedded-mongo.fixture.js';

let fx: EmbeddedMongoFixture;
beforeAll(async () => {
  fx = await startFixture('cursors_test');
  await fx.db
    .collection<LooseDocument>('rows')
    .insertMany(Array.from({ length: 250 }, (_, i) => ({ _id: i, v: i % 10 })));
});
afterAll(async () => {
  await fx.close();
});

describe('cursors', () => {
  it('returns the first batch with batchSize and the rest through getMore', async () => {
    const first = await fx.db.command(
      { find: 'rows', filter: {}, sort: { _id: 1 }, batchSize: 100 },
      { promoteLongs: false },
    );
    expect(first.cursor.firstBatch).toHaveLength(100);
    expect(first.cursor.id).toBeInstanceOf(Long);
    expect(first.cursor.ns).toBe('cursors_test.rows');
    const next = await fx.db.command({ getMore: first.cursor.id, collection: 'rows', batchSize: 100 });
    expect(next.cursor.nextBatch.map((d: { _id: number }) => d._id)).toEqual(
      Array.from({ length: 100 }, (_, i) => i + 100),
    );
    const last = await fx.db.command({ getMore: first.cursor.id, collection: 'rows', batchSize: 100 });
    expect(last.cursor.nextBatch).toHaveLength(50);
    expect(Number(last.cursor.id)).toBe(0);
    await expect(fx.db.command({ getMore: first.cursor.id, collection: 'rows' })).rejects.toMatchObject({
      code: 43,
    });
  });

  it('uses 101 documents as the default first batch', async () => {
    const first = await fx.db.command({ find: 'rows', filter: {} });
    expect(first.cursor.firstBatch).toHaveLength(101);
    await fx.db.command({ killCursors: 'rows', cursors: [first.cursor.id] });
  });

  it('closes the cursor after one batch with singleBatch or a negative limit', async () => {
    const single = await fx.db.command({ find: 'rows', filter: {}, batchSize: 5, singleBatch: true });
    expect(single.cursor.firstBatch).toHaveLength(5);
    expect(Number(single.cursor.id)).toBe(0);
    const negative = await fx.db.command({ find: 'rows', filter: {}, limit: -3 });
    expect(negative.cursor.firstBatch).toHaveLength(3);
    expect(Number(negative.cursor.id)).toBe(0);
  });

  it('kills cursors and reports which were killed', async () => {
    const first = await fx.db.command({ find: 'rows', filter: {}, batchSize: 1 });
    const killed = await fx.db.command({
      killCursors: 'rows',
      cursors: [first.cursor.id, Long.fromNumber(424242)],
    });
    expect(killed.cursorsKilled.map(String)).toEqual([String(first.cursor.id)]);
    expect(killed.cursorsNotFound.map(String)).toEqual(['424242']);
  });

  it('streams every document through the driver with a small batch size', async () => {
    const seen: number[] = [];
    for await (const doc of fx.db.collection<LooseDocument>('rows').find({ v: 3 }).batchSize(7))
      seen.push(Number(doc._id));
    expect(seen).toEqual(Array.from({ length: 25 }, (_, i) => i * 10 + 3));
    const aggregated = await fx.db
      .collection<LooseDocument>('rows')
      .aggregate([{ $match: { v: { $lt: 5 } } }], { batchSize: 4 })
      .toArray();
    expect(aggregated).toHaveLength(125);
  });

  it('keeps replies under 16 MB by splitting large batches', async () => {
    const big = fx.db.collection<LooseDocument>('big');
    const blob = 'x'.repeat(1024 * 1024);
    await big.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: i, blob })));
    const first = await fx.db.command({ find: 'big', filter: {}, batchSize: 1000 });
    expect(first.cursor.firstBatch.length).toBeLessThan(16);
    expect(await big.countDocuments()).toBe(20);
    expect((await big.find().toArray()).length).toBe(20);
  });
});
