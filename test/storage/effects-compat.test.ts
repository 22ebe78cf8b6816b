import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEffectRunner } from '../../src/effects/effect-runner.js';
import { createOrderEffects } from '../../src/orders/order-effects.js';
import { createSetupsRepository } from '../../src/storage/setups.repository.js';
import { type OrdersHarness, orderBody, startOrdersHarness } from '../orders/support/orders-harness.js';

/** Documents as the version before one effects mechanism wrote them still load and finish their work. */
describe('documents written before revisions and pending effects', () => {
  let h: OrdersHarness;
  beforeAll(async () => {
    h = await startOrdersHarness('effects_compat', '2025-06-01T08:00:00Z');
  });
  afterAll(async () => {
    await h?.close();
  });

  it('loads an order held under a lease, runs its effect once, and changes it from rev 0', async () => {
    // What an instance left when it died holding the lease: no rev, effects of the old shape.
    const created = await h.service.createOrder(orderBody({ requestedStartDate: '2025-07-01' }), 'api');
    if (created.kind !== 'created') throw new Error('not created');
    const { orderId } = created.order;
    await h.storage.db.collection<{ _id: string }>('orders').updateOne(
      { _id: orderId },
      {
        $set: {
          effects: [{ id: `invite:${orderId}:0`, type: 'invitation', contactVersion: 0 }],
          leaseBy: 'dead-instance',
          leaseUntil: new Date('2025-06-01T08:01:00Z'),
          inviteDueAt: null,
        },
        $unset: { rev: '', pendingEffects: '' },
      },
    );
    expect(await h.repository.get(orderId)).toMatchObject({ rev: 0, pendingEffects: [] });

    await h.repository.ensureIndexes();
    const stored = await h.repository.get(orderId);
    expect(stored?.pendingEffects.map((effect) => effect.id)).toEqual([`invite:${orderId}:0`]);
    const runner = createEffectRunner({
      sources: [createOrderEffects(h.deps)],
      now: h.clock.now,
      logger: h.deps.logger,
    });
    expect(await runner.recoverAll()).toBe(1);
    expect(await runner.recoverAll()).toBe(0);
    const invitations = (await h.outboxItems()).filter((item) => item._id === `invite:${orderId}:0`);
    expect(invitations).toHaveLength(1);
    const raw = await h.storage.db.collection<{ _id: string }>('orders').findOne({ _id: orderId });
    expect(raw).not.toHaveProperty('leaseBy');
    expect(raw).not.toHaveProperty('effects');

    expect((await h.service.cancelOrder(orderId, null, 'ops@example.com')).kind).toBe('changed');
    expect((await h.repository.get(orderId))?.rev).toBe(1);
  });

  it('runs effects saved without a commit time at start-up, not in the periodic pass', async () => {
    const setups = createSetupsRepository(h.storage.db);
    await setups.ensureIndexes();
    const id = `OLD-${randomUUID().slice(0, 8)}`;
    await h.storage.db.collection<Record<string, unknown> & { _id: string }>('setups').insertOne({
      _id: id,
      machineId: 'orderSetup',
      version: 1,
      rev: 2,
      snapshotJson: '{}',
      ownerEmail: 'ana@partner.example',
      step: 'company',
      status: 'active',
      pendingEffects: [{ id: `${id}:2:0`, json: '{}' }],
      createdAt: new Date(),
      updatedAt: new Date(),
    });
    expect(await setups.pending({ committedBy: new Date('2100-01-01T00:00:00Z'), limit: 10 })).toEqual([]);
    expect(await setups.pending({ limit: 10 })).toEqual([{ id, effects: [{ id: `${id}:2:0`, json: '{}' }] }]);
  });
});
