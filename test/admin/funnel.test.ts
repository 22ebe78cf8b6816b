import { describe, expect, it } from 'vitest';
import { computeFunnel, furthestStage, inviteToCompleteMs, median } from '../../src/admin/funnel.js';
import { history, hour, orderAtStep, orderView } from './support/order-fixtures.js';

const completed = (orderId: string, hoursToComplete: number) =>
  orderView({
    orderId,
    status: 'completed',
    invitedAt: hour(1),
    setup: {
      step: 'review',
      stepNumber: 7,
      totalSteps: 7,
      ownerEmail: 'a@b.example',
      lastActivityAt: hour(1),
    },
    history: [
      history.created(),
      history.invited(1),
      history.started(2),
      history.to('completed', 1 + hoursToComplete),
    ],
  });

describe('furthestStage', () => {
  it.each([
    ['a new order', orderView(), 'created'],
    ['an invited order', orderView({ status: 'invited', invitedAt: hour(1) }), 'invited'],
    [
      'a started order with no step recorded',
      orderView({
        status: 'in_progress',
        invitedAt: hour(1),
        history: [history.created(), history.started()],
      }),
      'role',
    ],
    ['an order at a step', orderAtStep('A', 'company', 5), 'company'],
    ['a completed order', completed('A', 5), 'completed'],
    [
      'an order that went back a step: the furthest counts',
      orderView({
        status: 'in_progress',
        invitedAt: hour(1),
        setup: {
          step: 'customerAdmin',
          stepNumber: 4,
          totalSteps: 7,
          ownerEmail: 'a@b.example',
          lastActivityAt: hour(5),
        },
        history: [history.created(), history.step('company', 3), history.step('customerAdmin', 4)],
      }),
      'company',
    ],
    [
      'a failed invitation',
      orderView({ status: 'needs_attention', statusReason: 'invitation_failed' }),
      'created',
    ],
    ['an expired order that never started', orderView({ status: 'expired', invitedAt: hour(1) }), 'invited'],
    [
      'an order with a step from a newer version',
      orderView({
        status: 'in_progress',
        invitedAt: hour(1),
        history: [history.created(), history.step('upload')],
      }),
      'role',
    ],
  ])('%s', (_name, order, stage) => {
    expect(furthestStage(order)).toBe(stage);
  });
});

describe('median', () => {
  it.each([
    [[], null],
    [[5], 5],
    [[9, 1, 5], 5],
    [[4, 1, 3, 2], 2.5],
  ])('of %j is %j', (values, expected) => {
    expect(median(values)).toBe(expected);
  });
});

describe('inviteToCompleteMs', () => {
  it('measures from the invitation to the completion entry', () => {
    expect(inviteToCompleteMs(completed('A', 26))).toBe(26 * 3_600_000);
  });

  it('is undefined for an order that is not completed or was never invited', () => {
    expect(inviteToCompleteMs(orderAtStep('A', 'role', 1))).toBeUndefined();
    expect(inviteToCompleteMs({ ...completed('A', 2), invitedAt: null })).toBeUndefined();
  });
});

describe('computeFunnel', () => {
  const orders = [
    orderView({ orderId: 'scheduled' }),
    orderView({ orderId: 'invited', status: 'invited', invitedAt: hour(1) }),
    orderAtStep('at-role', 'role', 1),
    orderAtStep('at-company', 'company', 5),
    orderAtStep('stuck', 'partnerOrg', 3, 'needs_attention'),
    { ...orderAtStep('expired', 'company', 5, 'expired') },
    orderView({ orderId: 'cancelled', status: 'cancelled' }),
    completed('done-fast', 2),
    completed('done-mid', 10),
    completed('done-slow', 30),
  ];
  const report = computeFunnel(orders);
  const reached = Object.fromEntries(report.stages.map((s) => [s.stage, s.reached]));
  const stops = Object.fromEntries(report.stages.map((s) => [s.stage, [s.waiting, s.ended]]));

  it('counts how many orders reached (or passed) each stage', () => {
    expect(reached).toEqual({
      created: 10,
      invited: 8,
      role: 7,
      whoSetsUp: 6,
      partnerOrg: 6,
      customerAdmin: 5,
      company: 5,
      customerOrg: 3,
      review: 3,
      completed: 3,
    });
  });

  it('shows where the others stand or ended', () => {
    expect(stops).toEqual({
      created: [1, 1],
      invited: [1, 0],
      role: [1, 0],
      whoSetsUp: [0, 0],
      partnerOrg: [1, 0],
      customerAdmin: [0, 0],
      company: [1, 1],
      customerOrg: [0, 0],
      review: [0, 0],
      completed: [0, 0],
    });
  });

  it('rates completion among invited orders and takes the median time to complete', () => {
    expect(report).toMatchObject({ total: 10, invited: 8, completed: 3, completionRate: 3 / 8 });
    expect(report.medianInviteToCompleteMs).toBe(10 * 3_600_000);
    expect(report.byStatus).toEqual({
      scheduled: 1,
      invited: 1,
      in_progress: 2,
      needs_attention: 1,
      completed: 3,
      expired: 1,
      cancelled: 1,
    });
  });

  it('has no rate and no median before anything was invited or completed', () => {
    const empty = computeFunnel([]);
    expect(empty).toMatchObject({
      total: 0,
      invited: 0,
      completionRate: null,
      medianInviteToCompleteMs: null,
    });
    expect(empty.stages.every((s) => s.reached === 0)).toBe(true);
  });
});
