import type { OrderView } from '../../flows/order-view.types.js';
import type { OrderDocument } from './order.model.js';
import { SETUP_WINDOW_DAYS } from './order-input.schema.js';

export {
  FINAL_STATUSES,
  OPEN_STATUSES,
  ORDER_STATUSES,
  type OrderHistoryView,
  type OrderSetupView,
  type OrderStatus,
  type OrderView,
  type ReminderKind,
} from '../../flows/order-view.types.js';

/** The stored document without its internals (revision, pending effects, the original input). */
export function toOrderView(doc: OrderDocument): OrderView {
  return {
    orderId: doc._id,
    requestedStartDate: doc.requestedStartDate,
    provisioningContactEmail: doc.provisioningContactEmail,
    partnerName: doc.partnerName,
    customerName: doc.customerName,
    offer: doc.offer,
    setupWindowDays: SETUP_WINDOW_DAYS[doc.offer],
    trialOrgId: doc.trialOrgId,
    locale: doc.locale,
    timeZone: doc.timeZone,
    status: doc.status,
    statusReason: doc.statusReason,
    contactVersion: doc.contactVersion,
    dueAt: doc.dueAt.toISOString(),
    deadlineAt: doc.deadlineAt.toISOString(),
    invitedAt: doc.invitedAt?.toISOString() ?? null,
    setup:
      doc.setup === null ? null : { ...doc.setup, lastActivityAt: doc.setup.lastActivityAt.toISOString() },
    history: doc.history.map((entry) => ({
      at: entry.at.toISOString(),
      by: entry.by,
      action: entry.action,
      ...(entry.from === undefined ? {} : { from: entry.from }),
      ...(entry.to === undefined ? {} : { to: entry.to }),
      ...(entry.details === undefined ? {} : { details: entry.details }),
    })),
    createdAt: doc.createdAt.toISOString(),
    updatedAt: doc.updatedAt.toISOString(),
    lastActivityAt: doc.lastActivityAt.toISOString(),
  };
}
