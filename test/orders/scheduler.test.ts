import { describe, expect, it } from 'vitest';
import { createEffectRunner } from '../../src/effects/effect-runner.js';
import { createSilentLogger } from '../../src/log/logger.js';
import { createOrderEffects } from '../../src/orders/order-effects.js';
import { newOrderSchema } from '../../src/orders/order-input.schema.js';
import { DAY_MS, orderBody, startOrdersHarness, useOrdersHarness } from './support/orders-harness.js';

const h = useOrdersHarness('scheduler', '2025-05-20T08:00:00Z');
const logger = createSilentLogger();

const create = (overrides: Record<string, unknown>) =>
  h.service.createOrder(newOrderSchema.parse(orderBody(overrides)), 'api');
const itemsFor = async (orderId: string) =>
  (await h.outboxItems()).filter((item) => item.purpose.orderId === orderId);

describe('start-date scheduler', () => {
  it('invites on the start date in the order time zone, not before', async () => {
    h.clock.set('2025-05-31T11:00:00Z');
    await create({ orderId: 'TZ-AKL', requestedStartDate: '2025-06-01', timeZone: 'Pacific/Auckland' });
    await create({ orderId: 'TZ-NYC', requestedStartDate: '2025-06-01', timeZone: 'America/New_York' });
    await create({ orderId: 'TZ-ZAG', requestedStartDate: '2025-06-01', timeZone: 'Europe/Zagreb' });
    await create({ orderId: 'TZ-UTC', requestedStartDate: '2025-06-01', timeZone: 'UTC' });
    const invited = async () => {
      await h.scheduler.runOnce();
      const items = await h.outboxItems();
      return ['TZ-AKL', 'TZ-NYC', 'TZ-ZAG', 'TZ-UTC'].filter((id) =>
        items.some((i) => i._id === `invite:${id}:0`),
      );
    };
    expect(await invited()).toEqual([]);
    h.clock.set('2025-05-31T12:00:00Z'); // 00:00 in Auckland (NZST, +12)
    expect(await invited()).toEqual(['TZ-AKL']);
    h.clock.set('2025-05-31T21:59:59Z');
    expect(await invited()).toEqual(['TZ-AKL']);
    h.clock.set('2025-05-31T22:00:00Z'); // 00:00 in Zagreb (CEST, +2)
    expect(await invited()).toEqual(['TZ-AKL', 'TZ-ZAG']);
    h.clock.set('2025-06-01T00:00:00Z');
    expect(await invited()).toEqual(['TZ-AKL', 'TZ-ZAG', 'TZ-UTC']);
    h.clock.set('2025-06-01T04:00:00Z'); // 00:00 in New York (EDT, -4)
    expect(await invited()).toEqual(['TZ-AKL', 'TZ-NYC', 'TZ-ZAG', 'TZ-UTC']);
    const [item] = await itemsFor('TZ-NYC');
    expect(item?.target).toEqual({ toPersonEmail: 'contact@partner.example' });
    expect(item?.purpose).toEqual({ kind: 'invitation', orderId: 'TZ-NYC', contactVersion: 0 });
    expect((await h.service.getOrder('TZ-NYC'))?.history.map((e) => e.action)).toEqual([
      'created',
      'invitation_queued',
    ]);
  });

  it('marks the order invited on delivery, then reminds once each and expires once', async () => {
    h.clock.set('2025-06-10T07:00:00Z');
    await create({ orderId: 'REM-1', requestedStartDate: '2025-06-10', offer: 'a-flex' });
    await h.deliverOutbox();
    const invited = await h.service.getOrder('REM-1');
    expect(invited).toMatchObject({ status: 'invited', invitedAt: '2025-06-10T07:00:00.000Z' });
    expect(invited?.deadlineAt).toBe('2025-06-16T22:00:00.000Z');
    const reminders = async () =>
      (await itemsFor('REM-1')).filter((i) => i.purpose.kind === 'reminder').map((i) => i._id);

    h.clock.set('2025-06-12T06:59:59Z');
    await h.scheduler.runOnce();
    expect(await reminders()).toEqual([]);
    h.clock.set('2025-06-12T07:00:00Z');
    await h.scheduler.runOnce();
    await h.scheduler.runOnce();
    expect(await reminders()).toEqual(['remind:REM-1:after_invite']);
    await h.service.recordSetupProgress(
      'REM-1',
      { step: 'role', stepNumber: 1, totalSteps: 8, ownerEmail: 'helper@partner.example' },
      'contact@partner.example',
    );
    h.clock.set('2025-06-15T22:00:00Z'); // one day before the deadline, local midnight
    await h.scheduler.runOnce();
    await h.scheduler.runOnce();
    expect(await reminders()).toEqual(['remind:REM-1:after_invite', 'remind:REM-1:before_deadline']);
    const last = (await itemsFor('REM-1')).find((i) => i._id === 'remind:REM-1:before_deadline');
    expect(last?.target).toEqual({ toPersonEmail: 'helper@partner.example' });

    h.clock.set('2025-06-16T21:59:59Z');
    await h.scheduler.runOnce();
    expect((await h.service.getOrder('REM-1'))?.status).toBe('in_progress');
    h.clock.set('2025-06-16T22:00:00Z');
    const round = await h.scheduler.runOnce();
    expect(round.expired).toBeGreaterThanOrEqual(1);
    await h.scheduler.runOnce();
    expect(await h.service.getOrder('REM-1')).toMatchObject({
      status: 'expired',
      statusReason: 'setup_window_elapsed',
    });
    expect((await itemsFor('REM-1')).filter((i) => i.purpose.kind === 'alert:expired')).toHaveLength(1);
  });

  it('records deliveries reported together in one batch, each once, also one reported twice', async () => {
    h.clock.set('2025-06-20T07:00:00Z');
    const ids = Array.from({ length: 12 }, (_, i) => `BATCH-${i}`);
    for (const orderId of ids) await create({ orderId, requestedStartDate: '2025-06-20' });
    await h.scheduler.runOnce();
    const invitations = (await h.outboxItems()).filter((item) => ids.includes(String(item.purpose.orderId)));
    expect(invitations).toHaveLength(12);
    const outcome = (item: (typeof invitations)[number]) => ({
      purpose: item.purpose,
      itemId: item._id,
      messageId: `msg-${item._id}`,
      roomId: null,
    });
    const first = invitations[0];
    if (first === undefined) throw new Error('no invitation');
    // At once, as the outbox reports sends that finish together; the first one twice.
    await Promise.all([...invitations, first].map((item) => h.scheduler.handleDelivered(outcome(item))));
    for (const orderId of ids) {
      const order = await h.repository.get(orderId);
      expect(order?.status, orderId).toBe('invited');
      expect(order?.history.filter((entry) => entry.action === 'invitation_delivered')).toHaveLength(1);
    }
    // Reported again later, alone: still recorded once.
    await h.scheduler.handleDelivered(outcome(first));
    const again = await h.repository.get(String(first.purpose.orderId));
    expect(again?.history.filter((entry) => entry.action === 'invitation_delivered')).toHaveLength(1);
  });

  it('sends only the latest reminder when several fell due while nothing ran', async () => {
    h.clock.set('2025-07-01T09:00:00Z');
    await create({ orderId: 'LATE-1', requestedStartDate: '2025-07-01', offer: 'a-flex' });
    await h.deliverOutbox();
    h.clock.set('2025-07-06T23:00:00Z');
    await h.scheduler.runOnce();
    const kinds = (await itemsFor('LATE-1')).filter((i) => i.purpose.kind === 'reminder').map((i) => i._id);
    expect(kinds).toEqual(['remind:LATE-1:before_deadline']);
  });

  it('sends nothing for a future order, and expires an order whose window passed before it was invited', async () => {
    // Created while its window was open; nothing ran until long after it closed.
    h.clock.set('2025-05-25T10:00:00Z');
    await create({ orderId: 'OLD-1', requestedStartDate: '2025-06-01', offer: 'a-flex' });
    h.clock.set('2025-08-01T10:00:00Z');
    await create({ orderId: 'FUT-2', requestedStartDate: '2025-08-05' });
    await h.scheduler.runOnce();
    expect(await itemsFor('FUT-2')).toEqual([]);
    expect((await h.service.getOrder('OLD-1'))?.status).toBe('expired');
    expect((await itemsFor('OLD-1')).map((i) => i.purpose.kind)).toContain('alert:expired');
  });

  it('sends a failed invitation again, under a new contact version, when an administrator resolves it', async () => {
    h.clock.set('2025-09-01T10:00:00Z');
    await create({
      orderId: 'FAIL-2',
      requestedStartDate: '2025-09-01',
      provisioningContactEmail: 'late@partner.example',
    });
    await h.deliverOutbox('failed');
    expect((await h.service.getOrder('FAIL-2'))?.statusReason).toBe('invitation_failed');
    const resolved = await h.service.resolveAttention('FAIL-2', 'ops@example.com');
    expect(resolved).toMatchObject({ kind: 'changed', order: { status: 'scheduled', contactVersion: 1 } });
    expect((await itemsFor('FAIL-2')).map((i) => i._id)).toContain('invite:FAIL-2:1');
    await h.deliverOutbox();
    const order = await h.service.getOrder('FAIL-2');
    expect(order).toMatchObject({ status: 'invited', statusReason: null });
    expect(order?.history.find((entry) => entry.action === 'attention_resolved')).toMatchObject({
      by: 'ops@example.com',
      from: 'needs_attention',
      to: 'scheduled',
      details: { reason: 'invitation_failed', reinvited: 'late@partner.example' },
    });
    // Resolved once: a second resolve is refused and changes nothing.
    expect(await h.service.resolveAttention('FAIL-2', 'ops@example.com')).toMatchObject({
      kind: 'not_allowed',
    });
  });

  it('flags an invitation that failed for good and tells the admins', async () => {
    h.clock.set('2025-09-01T10:00:00Z');
    await create({
      orderId: 'FAIL-1',
      requestedStartDate: '2025-09-01',
      provisioningContactEmail: 'gone@partner.example',
    });
    await h.deliverOutbox('failed');
    expect(await h.service.getOrder('FAIL-1')).toMatchObject({
      status: 'needs_attention',
      statusReason: 'invitation_failed',
    });
    expect(
      (await itemsFor('FAIL-1')).filter((i) => i.purpose.kind === 'alert:invitation_failed'),
    ).toHaveLength(1);
    await h.service.changeContact('FAIL-1', 'right@partner.example', 'ops@example.com');
    expect((await h.service.getOrder('FAIL-1'))?.status).toBe('scheduled');
    await h.deliverOutbox();
    expect(await h.service.getOrder('FAIL-1')).toMatchObject({
      status: 'invited',
      provisioningContactEmail: 'right@partner.example',
    });
  });

  it('finishes effects stranded by a crash once their grace has passed', async () => {
    h.clock.set('2025-10-01T10:00:00Z');
    await create({ orderId: 'CRASH-1', requestedStartDate: '2025-10-05' });
    // An instance committed the invitation and died before writing it to the outbox.
    const effects = createOrderEffects(h.deps);
    const rev = (await h.repository.get('CRASH-1'))?.rev ?? -1;
    await effects.commit({ kind: 'update', id: 'CRASH-1', rev, change: { set: { inviteDueAt: null } } }, [
      { key: 'invite:CRASH-1:0', type: 'invitation', contactVersion: 0 },
    ]);
    const runner = createEffectRunner({ sources: [effects], now: h.clock.now, logger, graceMs: 5_000 });
    await h.scheduler.runOnce();
    expect(await runner.recoverStale()).toBe(0);
    expect(await itemsFor('CRASH-1')).toEqual([]);
    h.clock.advance(6_000);
    // Another instance's work: it may still be under way, until the takeover.
    expect(await runner.recoverStale()).toBe(0);
    h.clock.advance(15_000);
    expect(await runner.recoverStale()).toBe(1);
    expect((await itemsFor('CRASH-1')).map((i) => i._id)).toEqual(['invite:CRASH-1:0']);
    expect((await h.repository.get('CRASH-1'))?.pendingEffects).toEqual([]);
  });

  it('two instances over 200 due orders queue exactly one invitation each', async () => {
    h.clock.set('2025-11-01T09:00:00Z');
    for (let i = 0; i < 200; i += 1)
      await create({ orderId: `MANY-${String(i).padStart(3, '0')}`, requestedStartDate: '2025-11-02' });
    h.clock.set('2025-11-02T09:00:00Z');
    const a = h.createScheduler();
    const b = h.createScheduler();
    const rounds = await Promise.all([a.runOnce(), b.runOnce(), a.runOnce(), b.runOnce()]);
    expect(rounds.reduce((sum, r) => sum + r.invitationsQueued, 0)).toBe(200);
    const invitations = (await h.outboxItems()).filter((i) => i._id.startsWith('invite:MANY-'));
    expect(invitations).toHaveLength(200);
    expect(new Set(invitations.map((i) => i.purpose.orderId)).size).toBe(200);
    const stillScheduled = await h.service.listOrders({ statuses: ['scheduled'] }, { limit: 200 });
    const history = stillScheduled.items
      .filter((o) => o.orderId.startsWith('MANY-'))
      .map((o) => o.history.length);
    expect(history.every((n) => n === 2)).toBe(true);
  });

  it('runs on its own timer and stops cleanly', async () => {
    const own = await startOrdersHarness('scheduler_timer', '2025-12-01T09:00:00Z');
    try {
      await own.service.createOrder(
        newOrderSchema.parse(orderBody({ orderId: 'TIMER-1', requestedStartDate: '2025-12-02' })),
        'api',
      );
      own.clock.advance(DAY_MS);
      own.scheduler.start();
      await expect
        .poll(async () => (await own.outboxItems()).map((i) => i._id), { timeout: 5_000 })
        .toEqual(['invite:TIMER-1:0']);
      await own.scheduler.stop();
    } finally {
      await own.close();
    }
  });
});
