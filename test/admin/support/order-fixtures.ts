import type { OrderHistoryView, OrderStatus, OrderView } from '../../../src/orders/order-view.js';

const AT = '2026-03-02T08:00:00.000Z';

/** An order as the service returns it, scheduled and untouched unless `changes` say otherwise. */
export function orderView(changes: Partial<OrderView> = {}): OrderView {
  return {
    orderId: 'ORD-1',
    requestedStartDate: '2026-03-02',
    provisioningContactEmail: 'contact@partner.example',
    partnerName: 'Partner d.o.o.',
    customerName: 'Customer Ltd',
    offer: 'other',
    setupWindowDays: 30,
    trialOrgId: null,
    locale: 'en',
    timeZone: 'Europe/Zagreb',
    status: 'scheduled',
    statusReason: null,
    contactVersion: 0,
    dueAt: '2026-03-01T23:00:00.000Z',
    deadlineAt: '2026-03-31T22:00:00.000Z',
    invitedAt: null,
    setup: null,
    history: [{ at: AT, by: 'api', action: 'created', to: 'scheduled' }],
    createdAt: AT,
    updatedAt: AT,
    lastActivityAt: AT,
    ...changes,
  };
}

const hour = (n: number) => new Date(Date.parse(AT) + n * 3_600_000).toISOString();

/** History entries as the orders service writes them. */
export const history = {
  created: (): OrderHistoryView => ({ at: AT, by: 'api', action: 'created', to: 'scheduled' }),
  invited: (h = 1): OrderHistoryView => ({
    at: hour(h),
    by: 'scheduler',
    action: 'invitation_delivered',
    from: 'scheduled',
    to: 'invited',
  }),
  started: (h = 2, by = 'contact@partner.example'): OrderHistoryView => ({
    at: hour(h),
    by,
    action: 'setup_started',
    from: 'invited',
    to: 'in_progress',
  }),
  step: (step: string, h = 3, by = 'contact@partner.example'): OrderHistoryView => ({
    at: hour(h),
    by,
    action: 'setup_progress',
    details: { step, stepNumber: 1, totalSteps: 7 },
  }),
  to: (status: OrderStatus, h: number, action: string = status, details?: Record<string, unknown>) => ({
    at: hour(h),
    by: 'scheduler',
    action,
    from: 'in_progress' as const,
    to: status,
    ...(details === undefined ? {} : { details }),
  }),
};

/** An order that went through invitation and started its setup, now at `step` (n of 7). */
export function orderAtStep(orderId: string, step: string, n: number, status: OrderStatus = 'in_progress') {
  return orderView({
    orderId,
    status,
    invitedAt: hour(1),
    setup: {
      step,
      stepNumber: n,
      totalSteps: 7,
      ownerEmail: 'contact@partner.example',
      lastActivityAt: hour(3),
    },
    history: [history.created(), history.invited(), history.started(), history.step(step)],
  });
}

export { hour };
