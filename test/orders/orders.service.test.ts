import { describe, expect, it } from 'vitest';
import { identifyEffects } from '../../src/effects/document-effects.js';
import { createOrderEffects } from '../../src/orders/order-effects.js';
import { newOrderSchema } from '../../src/orders/order-input.schema.js';
import { ADMIN, orderBody, useOrdersHarness } from './support/orders-harness.js';

const h = useOrdersHarness('service');

const body = (overrides: Record<string, unknown> = {}) => newOrderSchema.parse(orderBody(overrides));
const itemsFor = async (orderId: string) =>
  (await h.outboxItems()).filter((item) => item.purpose.orderId === orderId);

describe('orders service', () => {
  it('creates a future order with defaults, its due instant and deadline', async () => {
    const result = await h.service.createOrder(
      body({ orderId: 'FUT-1', requestedStartDate: '2025-07-10' }),
      'api',
    );
    expect(result.kind).toBe('created');
    const order = await h.service.getOrder('FUT-1');
    expect(order).toMatchObject({
      status: 'scheduled',
      offer: 'other',
      setupWindowDays: 30,
      locale: 'en',
      timeZone: 'Europe/Zagreb',
      dueAt: '2025-07-09T22:00:00.000Z',
      deadlineAt: '2025-08-08T22:00:00.000Z',
      setup: null,
      history: [{ by: 'api', action: 'created', to: 'scheduled' }],
    });
    expect(await itemsFor('FUT-1')).toEqual([]);
  });

  it('answers a replay as unchanged and a different body as a conflict naming the fields', async () => {
    const first = body({ orderId: 'REP-1', requestedStartDate: '2025-07-10', offer: 'a-flex' });
    await h.service.createOrder(first, 'api');
    const replay = await h.service.createOrder({ ...first, locale: 'en' }, 'import');
    expect(replay.kind).toBe('unchanged');
    const conflict = await h.service.createOrder(
      { ...first, offer: 'other', provisioningContactEmail: 'other@partner.example' },
      'api',
    );
    expect(conflict).toMatchObject({
      kind: 'conflict',
      differences: [
        {
          field: 'provisioningContactEmail',
          existing: 'contact@partner.example',
          requested: 'other@partner.example',
        },
        { field: 'offer', existing: 'a-flex', requested: 'other' },
      ],
    });
    expect((await h.service.getOrder('REP-1'))?.history).toHaveLength(1);
  });

  it('queues the invitation at once for an order whose start date has come', async () => {
    await h.service.createOrder(body({ orderId: 'NOW-1' }), 'api');
    const items = await itemsFor('NOW-1');
    expect(items.map((item) => [item._id, item.target])).toEqual([
      ['invite:NOW-1:0', { toPersonEmail: 'contact@partner.example' }],
    ]);
    expect(items[0]?.payloadJson).toContain('Set up now');
    expect((await h.repository.get('NOW-1'))?.pendingEffects).toEqual([]);
  });

  it('sends the invitation once when its effect runs twice', async () => {
    await h.service.createOrder(body({ orderId: 'TWICE-1' }), 'api');
    const invitation = { key: 'invite:TWICE-1:0', type: 'invitation', contactVersion: 0 };
    const effects = createOrderEffects(h.deps);
    // As after a crash between running the effect and removing it: it is found again and rerun.
    const work = { id: 'TWICE-1', effects: identifyEffects('TWICE-1', 0, [invitation], h.clock.now()) };
    await effects.run(work);
    await effects.run(work);
    expect((await itemsFor('TWICE-1')).map((item) => item._id)).toEqual(['invite:TWICE-1:0']);
  });

  it('never takes the order back to an older step when progress is carried out again after a newer one', async () => {
    await h.service.createOrder(body({ orderId: 'ORDERLY-1' }), 'api');
    await h.deliverOutbox();
    await h.service.markSetupStarted('ORDERLY-1', 'contact@partner.example');
    const at = (step: string, stepNumber: number, rev: number) => ({
      step,
      stepNumber,
      totalSteps: 7,
      ownerEmail: 'contact@partner.example',
      rev,
    });
    const by = 'contact@partner.example';
    await h.service.recordSetupProgress('ORDERLY-1', at('role', 1, 0), by);
    await h.service.recordSetupProgress('ORDERLY-1', at('whoSetsUp', 2, 1), by);
    // A crash left both pending; the second run carries them out again, in order.
    expect((await h.service.recordSetupProgress('ORDERLY-1', at('role', 1, 0), by)).kind).toBe('unchanged');
    expect((await h.service.recordSetupProgress('ORDERLY-1', at('whoSetsUp', 2, 1), by)).kind).toBe(
      'unchanged',
    );
    const order = await h.service.getOrder('ORDERLY-1');
    expect(order?.setup?.step).toBe('whoSetsUp');
    const steps = order?.history
      .filter((entry) => entry.action === 'setup_progress')
      .map((entry) => entry.details);
    expect(steps?.map((details) => (details as { step: string }).step)).toEqual(['role', 'whoSetsUp']);
  });

  it('walks an order through setup to completion, with history and an admin alert', async () => {
    await h.service.createOrder(body({ orderId: 'LIFE-1' }), 'api');
    await h.deliverOutbox();
    expect((await h.service.getOrder('LIFE-1'))?.status).toBe('invited');
    expect((await h.service.markSetupStarted('LIFE-1', 'contact@partner.example')).kind).toBe('changed');
    expect((await h.service.markSetupStarted('LIFE-1', 'contact@partner.example')).kind).toBe('unchanged');
    const progress = {
      step: 'customer-admin',
      stepNumber: 4,
      totalSteps: 8,
      ownerEmail: 'Helper@Partner.example',
    };
    await h.service.recordSetupProgress('LIFE-1', progress, 'contact@partner.example');
    // The same report applied again (after a crash) adds no second history entry.
    expect((await h.service.recordSetupProgress('LIFE-1', progress, 'contact@partner.example')).kind).toBe(
      'unchanged',
    );
    expect((await h.service.getOrder('LIFE-1'))?.setup).toMatchObject({
      ...progress,
      ownerEmail: 'helper@partner.example',
    });
    const done = await h.service.markCompleted(
      'LIFE-1',
      { customerOrgId: 'org-1' },
      'helper@partner.example',
    );
    expect(done).toMatchObject({ kind: 'changed', order: { status: 'completed' } });
    const order = await h.service.getOrder('LIFE-1');
    expect(order?.history.map((e) => e.action)).toEqual([
      'created',
      'invitation_delivered',
      'setup_started',
      'setup_progress',
      'completed',
    ]);
    expect(order?.history.at(-1)).toMatchObject({
      from: 'in_progress',
      to: 'completed',
      details: { customerOrgId: 'org-1' },
    });
    expect((await itemsFor('LIFE-1')).map((item) => [item._id, item.target])).toContainEqual([
      `alert:completed:LIFE-1:${ADMIN}`,
      { toPersonEmail: ADMIN },
    ]);
    expect(await h.service.cancelOrder('LIFE-1', null, 'api')).toMatchObject({ kind: 'not_allowed' });
    expect(await h.service.changeContact('LIFE-1', 'x@partner.example', 'api')).toMatchObject({
      kind: 'not_allowed',
    });
  });

  it('flags an order for attention with its reason and tells the admins once', async () => {
    await h.service.createOrder(body({ orderId: 'ATT-1', requestedStartDate: '2025-07-01' }), 'api');
    await h.service.markNeedsAttention('ATT-1', 'trial_expired', 'conversation');
    expect(await h.service.markNeedsAttention('ATT-1', 'trial_expired', 'conversation')).toMatchObject({
      kind: 'unchanged',
    });
    expect(await h.service.getOrder('ATT-1')).toMatchObject({
      status: 'needs_attention',
      statusReason: 'trial_expired',
    });
    expect(
      (await itemsFor('ATT-1')).filter((item) => item.purpose.kind === 'alert:needs_attention'),
    ).toHaveLength(1);
  });

  it('changes the contact of a future order without inviting anyone yet', async () => {
    await h.service.createOrder(body({ orderId: 'CC-1', requestedStartDate: '2025-07-10' }), 'api');
    const result = await h.service.changeContact('CC-1', 'new@partner.example', 'api');
    // The contact it replaced comes back: the conversation moves the setup from that one.
    expect(result).toMatchObject({
      kind: 'changed',
      order: { provisioningContactEmail: 'new@partner.example', contactVersion: 1 },
      previousEmail: 'contact@partner.example',
    });
    expect(await itemsFor('CC-1')).toEqual([]);
  });

  it('re-invites the new contact of an invited order under a new key', async () => {
    await h.service.createOrder(body({ orderId: 'CC-2' }), 'api');
    await h.deliverOutbox();
    await h.service.changeContact('CC-2', 'new@partner.example', 'api');
    expect((await itemsFor('CC-2')).map((item) => [item._id, item.target])).toEqual([
      ['invite:CC-2:0', { toPersonEmail: 'contact@partner.example' }],
      ['invite:CC-2:1', { toPersonEmail: 'new@partner.example' }],
    ]);
    expect(await h.service.changeContact('CC-2', 'new@partner.example', 'api')).toMatchObject({
      kind: 'unchanged',
    });
    expect((await h.service.getOrder('CC-2'))?.history.at(-1)).toMatchObject({
      action: 'contact_changed',
      details: { from: 'contact@partner.example', to: 'new@partner.example', reinvited: true },
    });
  });

  it('cancels an open order once', async () => {
    await h.service.createOrder(body({ orderId: 'CAN-1', requestedStartDate: '2025-07-10' }), 'api');
    expect(await h.service.cancelOrder('CAN-1', 'duplicate order', 'api')).toMatchObject({
      kind: 'changed',
      order: { status: 'cancelled', statusReason: 'duplicate order' },
    });
    expect(await h.service.cancelOrder('CAN-1', null, 'api')).toMatchObject({ kind: 'unchanged' });
    expect(await h.service.markSetupStarted('CAN-1', 'api')).toMatchObject({ kind: 'not_allowed' });
    expect(await h.service.cancelOrder('NOPE', null, 'api')).toEqual({ kind: 'not_found' });
  });

  it('lets only one of two racing services apply a transition', async () => {
    await h.service.createOrder(body({ orderId: 'RACE-1', requestedStartDate: '2025-07-10' }), 'api');
    const other = h.createService();
    const results = await Promise.all([
      h.service.markCompleted('RACE-1', {}, 'a@partner.example'),
      other.markCompleted('RACE-1', {}, 'b@partner.example'),
      h.service.cancelOrder('RACE-1', null, 'api'),
    ]);
    expect(results.filter((r) => r.kind === 'changed')).toHaveLength(1);
    const history = (await h.service.getOrder('RACE-1'))?.history ?? [];
    expect(history.filter((e) => e.action === 'completed' || e.action === 'cancelled')).toHaveLength(1);
  });

  it('lists newest activity first, page by page, and counts by status', async () => {
    for (let i = 0; i < 5; i += 1) {
      h.clock.advance(1000);
      await h.service.createOrder(body({ orderId: `PAGE-${i}`, requestedStartDate: '2025-08-01' }), 'api');
    }
    const first = await h.service.listOrders({}, { limit: 3 });
    expect(first.items.map((o) => o.orderId)).toEqual(['PAGE-4', 'PAGE-3', 'PAGE-2']);
    const second = await h.service.listOrders({}, { limit: 3, ...(first.next ? { after: first.next } : {}) });
    expect(second.items.map((o) => o.orderId).slice(0, 2)).toEqual(['PAGE-1', 'PAGE-0']);
    const cancelled = await h.service.listOrders({ statuses: ['cancelled'] }, { limit: 10 });
    expect(cancelled.items.every((o) => o.status === 'cancelled')).toBe(true);
    const counts = await h.service.countByStatus();
    expect(counts.completed).toBeGreaterThanOrEqual(1);
    expect(counts.scheduled).toBeGreaterThanOrEqual(5);
  });
});
