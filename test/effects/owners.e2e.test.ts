import { describe, expect, it } from 'vitest';
import { startSetup, walkTo } from '../conversation/setup-walk.js';
import { useTestApp } from '../support/use-test-app.js';

/**
 * Every piece of stored work the running app commits names this instance as its owner: a
 * document without one is anyone's, and another instance's recovery pass would take it over at
 * once and run it beside its committer.
 */
describe('the owner of stored work', () => {
  const app = useTestApp();

  it('is this instance, on the setup, the order, the stored events and the queued messages', async () => {
    const started = await startSetup(app, 'owned@partner.example', 'SUB-OWNED-1');
    await walkTo(started.client, started.role, 'partnerOrg');
    const db = app.storage.db;
    const live = await db.collection<{ _id: string }>('instances').find({ endedAt: null }).toArray();
    expect(live).toHaveLength(1);
    const instance = live[0]?._id;
    expect(instance).toMatch(/#/);
    expect(await db.collection('setups').findOne({ _id: 'SUB-OWNED-1' } as never)).toMatchObject({
      owner: instance,
    });
    expect(await db.collection('orders').findOne({ _id: 'SUB-OWNED-1' } as never)).toMatchObject({
      owner: instance,
    });
    const events = await db.collection('inbox').find({}).toArray();
    expect(events.length).toBeGreaterThan(0);
    expect(new Set(events.map((event) => event.owner))).toEqual(new Set([instance]));
    const queued = await db.collection('outbox').find({ rev: 0, 'purpose.orderId': 'SUB-OWNED-1' }).toArray();
    const invitation = queued.find((item) => String(item._id).startsWith('invite:'));
    expect(invitation?.owner).toBe(instance);
  });
});
