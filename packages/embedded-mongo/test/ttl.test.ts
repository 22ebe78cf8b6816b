import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type EmbeddedMongoFixture, type LooseDocument, startFixture } from './embedded-mongo.fixture.js';

let fx: EmbeddedMongoFixture;
beforeAll(async () => {
  fx = await startFixture('ttl_test', { ttlSweepIntervalMs: 20 });
});
afterAll(async () => {
  await fx.close();
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('TTL indexes', () => {
  it('removes expired documents and keeps the rest', async () => {
    const sessions = fx.db.collection<LooseDocument>('sessions');
    await sessions.createIndex({ expiresAt: 1 }, { expireAfterSeconds: 0 });
    const now = Date.now();
    await sessions.insertMany([
      { _id: 'old', expiresAt: new Date(now - 1000) },
      { _id: 'soon', expiresAt: new Date(now + 300) },
      { _id: 'future', expiresAt: new Date(now + 3_600_000) },
      { _id: 'not-a-date', expiresAt: 'tomorrow' },
      { _id: 'no-field' },
    ]);
    await waitFor(async () => (await sessions.countDocuments({ _id: { $in: ['old', 'soon'] } })) === 0);
    expect((await sessions.find().toArray()).map((d) => d._id).sort()).toEqual([
      'future',
      'no-field',
      'not-a-date',
    ]);
  });

  it('honours expireAfterSeconds relative to the indexed date', async () => {
    const events = fx.db.collection<LooseDocument>('events');
    await events.createIndex({ createdAt: 1 }, { expireAfterSeconds: 60 });
    await events.insertMany([
      { _id: 'stale', createdAt: new Date(Date.now() - 61_000) },
      { _id: 'fresh', createdAt: new Date(Date.now() - 1_000) },
    ]);
    await waitFor(async () => (await events.countDocuments({ _id: 'stale' })) === 0);
    expect(await events.countDocuments({ _id: 'fresh' })).toBe(1);
  });
});
